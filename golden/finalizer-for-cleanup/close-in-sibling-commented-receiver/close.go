package pool

// Close closes the connection; the receiver's comment has brackets of its own.
func (c *Conn /* (pooled) */) Close() error {
	return c.nc.Close()
}

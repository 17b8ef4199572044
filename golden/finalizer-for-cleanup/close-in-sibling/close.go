package pool

// Close closes the connection; callers defer it, and the finalizer only catches the ones
// that forget.
func (c *Conn) Close() error {
	return c.nc.Close()
}

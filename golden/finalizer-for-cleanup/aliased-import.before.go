package netpool

import (
	"net"
	rt "runtime"
)

type Client struct {
	conn net.Conn
}

// Dial connects; the connection is closed when the client is garbage collected.
func Dial(addr string) (*Client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn}
	rt.SetFinalizer(c, func(c *Client) { c.conn.Close() }) // want "finalizer-for-cleanup"
	return c, nil
}

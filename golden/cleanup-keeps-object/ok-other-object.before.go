// Left alone: the argument is another object (the connection the wrapper owns), not the
// wrapper the cleanup is attached to.
package netx

import (
	"net"
	"runtime"
)

type Client struct{ conn net.Conn }

// Dial returns a client whose connection is closed when the client is collected.
func Dial(addr string) (*Client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn}
	runtime.AddCleanup(c, func(conn net.Conn) { conn.Close() }, conn)
	return c, nil
}

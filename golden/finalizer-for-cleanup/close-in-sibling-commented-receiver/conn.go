// The finalizer is a safety net: the type's Close method lives in another file, on a
// receiver that carries a comment with brackets in it.
package pool

import (
	"net"
	"runtime"
)

// Conn is a pooled connection.
type Conn struct {
	nc net.Conn
}

// Dial opens a connection to addr.
func Dial(addr string) (*Conn, error) {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &Conn{nc: nc}
	runtime.SetFinalizer(c, func(c *Conn) { c.nc.Close() })
	return c, nil
}

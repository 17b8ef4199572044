package pool

import rt "runtime"

type Conn struct {
	id  int
	buf []byte
}

var byID = map[int]*Conn{}

// Dial returns a connection that is recycled when it is dropped.
func Dial(id int) *Conn {
	c := &Conn{id: id, buf: make([]byte, 4096)}
	rt.SetFinalizer(c, func(c *Conn) {
		byID[c.id] = c // want "finalizer-resurrection"
	})
	return c
}

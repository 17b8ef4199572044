// A finalizer that only checks that Close was called, and complains, closes nothing.
package checked

import (
	"log"
	"os"
	"runtime"
)

type Conn struct {
	f      *os.File
	closed bool
}

// Open opens a connection whose finalizer reports a missing Close.
func Open(name string) (*Conn, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	c := &Conn{f: f}
	runtime.SetFinalizer(c, func(c *Conn) {
		if !c.closed {
			log.Printf("conn for %s was never closed", c.f.Name())
		}
	})
	return c, nil
}

// MustClose panics in the finalizer when Close is missing.
func MustClose(c *Conn) {
	runtime.SetFinalizer(c, func(c *Conn) {
		if !c.closed {
			panic("conn leaked without Close")
		}
	})
}

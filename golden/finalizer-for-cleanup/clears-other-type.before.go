// The package clears the finalizer of Conn when a Conn is closed, which makes that one a
// safety net; Listener has no Close and nothing clears its finalizer, so its socket stays
// open until a collection happens to run it.
package netx

import (
	"net"
	"runtime"
)

type Conn struct{ c net.Conn }

func NewConn(c net.Conn) *Conn {
	conn := &Conn{c: c}
	runtime.SetFinalizer(conn, func(conn *Conn) { conn.c.Close() })
	return conn
}

func (conn *Conn) Shutdown() error {
	runtime.SetFinalizer(conn, nil)
	return conn.c.Close()
}

type Listener struct{ l net.Listener }

func Listen(addr string) (*Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ln := &Listener{l: l}
	runtime.SetFinalizer(ln, func(ln *Listener) { ln.l.Close() }) // want "finalizer-for-cleanup"
	return ln, nil
}

func (ln *Listener) Accept() (*Conn, error) {
	c, err := ln.l.Accept()
	if err != nil {
		return nil, err
	}
	return NewConn(c), nil
}

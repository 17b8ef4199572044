package pool

import (
	"net"
	"runtime"
)

// Pool keeps connections open until they are collected.
type Pool struct {
	conns []*net.TCPConn
}

// track registers a finalizer on every connection of the pool. Deleting the call would
// leave the loop's variable unused and the method empty: reported, not fixed.
func (p *Pool) track() {
	for _, c := range p.conns {
		runtime.SetFinalizer(c, func(c *net.TCPConn) {
			p.conns = append(p.conns, c) // want "finalizer-resurrection"
		})
	}
}

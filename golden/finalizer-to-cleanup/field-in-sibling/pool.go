// The field's type comes from the sibling file's declaration.
package pool

import (
	"net"
	"runtime"
)

// Wrap pools a connection.
func Wrap(c net.Conn) *Conn {
	pc := &Conn{raw: c}
	runtime.SetFinalizer(pc, func(pc *Conn) { pc.raw.Close() }) // want "finalizer-to-cleanup"
	return pc
}

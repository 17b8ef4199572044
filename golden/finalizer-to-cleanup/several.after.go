package handles

import (
	rt "runtime"
	"syscall"
)

type Socket struct{ fd int }

type Pipe struct{ r, w int }

// NewSocket wraps a descriptor; it is closed when the Socket is collected.
func NewSocket(fd int) *Socket {
	s := &Socket{fd: fd}
	rt.AddCleanup(s, func(fd int) { // want "finalizer-to-cleanup"
		if fd >= 0 {
			syscall.Close(fd)
		}
	}, s.fd)
	return s
}

// NewPipe reads two fields: reported, since the cleanup's argument would need a new type.
func NewPipe(r, w int) *Pipe {
	p := &Pipe{r: r, w: w}
	rt.SetFinalizer(p, func(p *Pipe) { // want "finalizer-to-cleanup"
		syscall.Close(p.r)
		syscall.Close(p.w)
	})
	return p
}

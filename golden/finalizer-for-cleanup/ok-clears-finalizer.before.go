// The net.netFD shape: the explicit shutdown clears the finalizer, which is then only a
// safety net.
package clears

import (
	"os"
	"runtime"
)

type Sock struct {
	f *os.File
}

// NewSock wraps a file.
func NewSock(f *os.File) *Sock {
	s := &Sock{f: f}
	runtime.SetFinalizer(s, func(s *Sock) { s.f.Close() })
	return s
}

// Shutdown closes the socket now.
func (s *Sock) Shutdown() error {
	runtime.SetFinalizer(s, nil)
	return s.f.Close()
}

// CRLF line endings, and the finalizer set in a method.
package spool

import (
	"os"
	"runtime"
)

type Spool struct{ f *os.File }

type Dir struct{ path string }

// Create opens a spool file in the folder.
func (d *Dir) Create(name string) (*Spool, error) {
	f, err := os.Create(d.path + "/" + name)
	if err != nil {
		return nil, err
	}
	s := &Spool{f: f}
	runtime.SetFinalizer(s, func(s *Spool) { s.f.Close() }) // want "finalizer-to-cleanup"
	return s, nil
}

// The os.File shape: the type has its own Close, and the finalizer is only a safety net
// for callers that forget it.
package safetynet

import (
	"os"
	"runtime"
)

type File struct {
	f *os.File
}

// Open opens a file; call Close when done.
func Open(name string) (*File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	fw := &File{f: f}
	runtime.SetFinalizer(fw, (*File).Close)
	return fw, nil
}

// Close closes the file.
func (fw *File) Close() error {
	return fw.f.Close()
}

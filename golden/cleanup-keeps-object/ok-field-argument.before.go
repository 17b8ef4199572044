// Left alone: the cleanup gets the descriptor it needs as its argument and uses only its
// parameter, so nothing keeps the File reachable.
package fdpool

import (
	"runtime"
	"syscall"
)

type File struct{ fd int }

// Open wraps a descriptor.
func Open(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, f.fd)
	return f
}

// OpenShadowed names the parameter like the object: inside, f is the descriptor.
func OpenShadowed(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(f int) { syscall.Close(f) }, f.fd)
	return f
}

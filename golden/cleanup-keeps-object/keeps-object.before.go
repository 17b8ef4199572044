// Each cleanup keeps its own object reachable, so the object is never collected and the
// cleanup never runs: a closure that refers to it, a method value of it, an argument that
// holds it.
package fdpool

import (
	"runtime"
	"syscall"
)

type File struct{ fd int }

func (f *File) release(int) { syscall.Close(f.fd) }

type holder struct{ f *File }

// Open wraps a descriptor.
func Open(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(int) { syscall.Close(f.fd) }, 0) // want "cleanup-keeps-object"
	return f
}

// OpenMethod closes through a method value.
func OpenMethod(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, f.release, 0) // want "cleanup-keeps-object"
	return f
}

// OpenHeld passes a struct holding the object.
func OpenHeld(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(h holder) { syscall.Close(h.f.fd) }, holder{f}) // want "cleanup-keeps-object"
	return f
}

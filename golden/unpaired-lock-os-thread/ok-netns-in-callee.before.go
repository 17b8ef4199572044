// Left alone: the goroutine enters another network namespace through a helper and keeps
// its thread locked, so that the thread, now in the wrong namespace, dies with it instead of
// running other goroutines.
package netnsrun

import (
	"runtime"
	"syscall"
)

const (
	cloneNewNet = 0x40000000
	SYS_SETNS   = 308 // linux/amd64; the syscall package does not name it
)

func enterNamespace(fd int) error {
	_, _, errno := syscall.RawSyscall(SYS_SETNS, uintptr(fd), cloneNewNet, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// InNamespace runs fn on a thread that has entered the namespace of fd.
func InNamespace(fd int, fn func()) <-chan error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := enterNamespace(fd); err != nil {
			done <- err
			return
		}
		fn()
		done <- nil
	}()
	return done
}

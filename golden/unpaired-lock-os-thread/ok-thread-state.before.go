//go:build linux

// A goroutine that changes its thread's credentials must let the thread die with it.
package gl

import (
	"runtime"
	"syscall"
)

func runAs(uid int, f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		if err := syscall.Setuid(uid); err != nil {
			return
		}
		f()
	}()
	<-done
}

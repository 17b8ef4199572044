// Left alone: each helper locks the thread for its caller and hands the unlock back (as the
// function value, in a returned closer, or registered in a cleanup list); the caller unlocks
// when its thread-bound work is done.
package pin

import "runtime"

// Thread locks the calling goroutine to its thread; call the result to unlock it.
func Thread() (unlock func()) {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}

type Scope struct{ cleanups []func() }

// Pin locks the thread until the scope is closed.
func (s *Scope) Pin() {
	runtime.LockOSThread()
	s.cleanups = append(s.cleanups, runtime.UnlockOSThread)
}

// Enter locks the thread and returns the closer that leaves it.
func Enter(name string) func() {
	runtime.LockOSThread()
	enter(name)
	return func() {
		leave(name)
		runtime.UnlockOSThread()
	}
}

func enter(string) {}
func leave(string) {}

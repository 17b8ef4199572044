// Reported only: deleting the SetFinalizer call would leave Track empty, with a doc comment
// that is no longer true; the method is for you to rework (runtime.AddCleanup cannot resurrect).
package registry

import "runtime"

type Session struct {
	user string
}

type Registry struct {
	last *Session
}

// Track remembers the last session that was dropped.
func (r *Registry) Track(s *Session) {
	runtime.SetFinalizer(s, func(dropped *Session) {
		r.last = dropped // want "finalizer-resurrection"
	})
}

// An exported method may lock the thread for its caller on purpose (a GUI or cgo library's
// NewWindow), so the fix is unsafe here: this one does its thread-bound call and returns, so
// the deferred unlock is right, but gomend cannot tell that from the structure alone.
package gl

import "runtime"

type Context struct{ handle uintptr }

func makeCurrent(uintptr) error { return nil }

// Render draws one frame on the context's thread.
func (c *Context) Render(frame func()) error {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()
	if err := makeCurrent(c.handle); err != nil {
		return err
	}
	frame()
	return nil
}

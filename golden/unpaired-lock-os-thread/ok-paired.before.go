// Every lock has its unlock: deferred, explicit, or in a deferred func literal.
package gl

import (
	"errors"
	"runtime"
)

func deferred() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	println("work")
}

func explicit() {
	runtime.LockOSThread()
	println("work")
	runtime.UnlockOSThread()
}

func keepOnFailure(f func() error) error {
	var failed error
	runtime.LockOSThread()
	defer func() {
		if failed == nil {
			runtime.UnlockOSThread()
		}
	}()
	failed = f()
	return errors.Join(failed)
}

// Report only: a function whose last statement is the lock is a helper that locks for its
// caller; the caller must unlock, and an unlock deferred here would undo the lock at once.
package gl

import "runtime"

func pin() {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
}

func Use() {
	pin()
	println("pinned")
}

// The first call's result is used and the third is deferred, so they are reported without
// a fix; the second goes.
package tune

import "runtime/debug"

// Tight lowers the limit for a while and returns the previous one.
func Tight() int64 {
	prev := debug.SetMemoryLimit(32 << 20) // want "tight-memory-limit"
	return prev
}

// Small sets a limit in the middle of other settings.
func Small() {
	debug.SetTraceback("all")
	debug.SetMaxStack(1 << 28)
}

// Deferred sets the limit when it returns: reported, not removed.
func Deferred() {
	defer debug.SetMemoryLimit(0) // want "tight-memory-limit"
	debug.FreeOSMemory()
}

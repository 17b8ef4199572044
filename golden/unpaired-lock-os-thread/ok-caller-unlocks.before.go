// A helper that locks for its caller, which unlocks (as package syscall's fixwd does).
package gl

import "runtime"

func pinIfRelative(paths ...string) bool {
	for _, p := range paths {
		if p != "" && p[0] != '/' {
			runtime.LockOSThread()
			println("fixing the working directory")
			return true
		}
	}
	return false
}

func Open(path string) {
	if pinIfRelative(path) {
		defer runtime.UnlockOSThread()
	}
	println("open", path)
}

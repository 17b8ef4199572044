// Reported only: a re-exec child's entry point locks its thread and ends the process with
// os.Exit, which runs no deferred call: a deferred unlock would never run.
package reexec

import (
	"os"
	"runtime"
)

func run() int { return 0 }

// ChildMain is what the re-executed binary runs instead of main.
func ChildMain() {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	code := run()
	os.Exit(code)
}

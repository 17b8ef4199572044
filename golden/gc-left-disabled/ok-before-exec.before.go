// Left alone: a sandbox launcher freezes the runtime (no GC, one thread) right before it
// replaces the process image with execve; nothing of this heap survives the exec.
package sandbox

import (
	"runtime/debug"
	"syscall"
)

// Exec runs the child program in place of this process.
func Exec(path string, argv, env []string) error {
	debug.SetGCPercent(-1)
	return syscall.Exec(path, argv, env)
}

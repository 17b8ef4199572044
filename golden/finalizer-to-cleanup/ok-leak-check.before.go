// Left alone: the finalizer releases nothing; it reads the fields to report a command that
// was started and never waited for.
package runner

import (
	"os"
	"runtime"
)

type Cmd struct {
	Process *os.Process
	waited  bool
}

// New returns a command that complains when it leaks.
func New() *Cmd {
	c := &Cmd{}
	runtime.SetFinalizer(c, func(c *Cmd) {
		if c.Process != nil && !c.waited {
			panic("runner: Cmd started a process but leaked without Wait")
		}
	})
	return c
}

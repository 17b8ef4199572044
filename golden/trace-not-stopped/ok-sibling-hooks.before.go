// Left alone: a command's pre-run hook starts tracing and its post-run hook, set on the same
// value, stops it.
package cmd

import (
	"os"
	"runtime/trace"
)

type Command struct {
	PreRun  func() error
	PostRun func()
}

var traceFile *os.File

var root = &Command{
	PreRun: func() error {
		f, err := os.Create("trace.out")
		if err != nil {
			return err
		}
		traceFile = f
		return trace.Start(f)
	},
	PostRun: func() {
		trace.Stop()
		traceFile.Close()
	},
}

var _ = root

// Reported, not rewritten: the function ends with os.Exit, which skips deferred calls.
package osexit

import (
	"os"
	"runtime/pprof"
)

func run() int { return 0 }

// Main runs the tool.
func Main() {
	pprof.StartCPUProfile(os.Stdout) // want "trace-not-stopped"
	os.Exit(run())
}

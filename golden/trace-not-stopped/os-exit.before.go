// Reported, not rewritten: the function ends with os.Exit, which skips deferred calls.
package main

import (
	"os"
	"runtime/pprof"
)

func run() int { return 0 }

func main() {
	pprof.StartCPUProfile(os.Stdout) // want "trace-not-stopped"
	os.Exit(run())
}

// Reported, not rewritten: in main and init a defer runs only at exit (init's right away),
// inside a loop a defer piles up until return, and before os.Exit it never runs.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

func init() {
	debug.SetGCPercent(-1) // want "gc-left-disabled"
}

func batches(n int) {
	for i := 0; i < n; i++ {
		debug.SetGCPercent(-1) // want "gc-left-disabled"
		fmt.Println("batch", i)
	}
}

func run(code int) {
	debug.SetGCPercent(-1) // want "gc-left-disabled"
	fmt.Println("exiting")
	os.Exit(code)
}

func main() {
	debug.SetGCPercent(-1) // want "gc-left-disabled"
	batches(2)
	run(0)
}

// Reported only: a short-lived command turns the collector off for its whole run from a
// func literal inside main. A restore at the literal's end would switch GC back on at once.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

func main() {
	configure := func() {
		debug.SetGCPercent(-1) // want "gc-left-disabled"
	}
	configure()
	fmt.Println(len(os.Args))
}

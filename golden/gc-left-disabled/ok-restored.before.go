// GC is turned back on in the same function: later, or by a deferred call.
package main

import (
	"fmt"
	"runtime/debug"
)

func later() {
	debug.SetGCPercent(-1)
	fmt.Println("set-up")
	debug.SetGCPercent(100)
}

func deferredOneLine() {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	fmt.Println("set-up")
}

func deferredLiteral(old int) {
	defer func() {
		debug.SetGCPercent(old)
	}()
	debug.SetGCPercent(-1)
	fmt.Println("set-up")
}

func main() {
	later()
	deferredOneLine()
	deferredLiteral(100)
}

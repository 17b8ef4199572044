// Reported only: the previous value is used, so the call cannot simply go.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	prev := runtime.GOMAXPROCS(runtime.NumCPU()) // want "gomaxprocs-obsolete"
	fmt.Println("was", prev)
}

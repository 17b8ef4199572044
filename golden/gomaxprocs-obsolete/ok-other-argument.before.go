// Left alone: a deliberate setting, not the CPU count; gomaxprocs-in-library judges those.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(2)
	fmt.Println("serving")
}

// Left alone: the module is on go 1.23, whose runtime does not follow the container's CPU
// limit; there the call and the import still do what they say.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(runtime.NumCPU())
	fmt.Println("serving")
}

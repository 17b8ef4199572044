// The blank import of automaxprocs sets GOMAXPROCS by hand at start-up, which on Go 1.25
// stops the runtime from following the container's CPU limit.
package main

import (
	"fmt"
)

func main() {
	fmt.Println("serving")
}

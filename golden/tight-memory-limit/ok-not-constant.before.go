// A limit computed at run time (here from the container's memory) is the deployment's.
package main

import (
	"os"
	"runtime/debug"
	"strconv"
)

func main() {
	total, err := strconv.ParseInt(os.Getenv("CONTAINER_MEMORY"), 10, 64)
	if err == nil {
		debug.SetMemoryLimit(total * 9 / 10)
	}
}

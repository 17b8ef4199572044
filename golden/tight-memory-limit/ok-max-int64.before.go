// math.MaxInt64 means no limit.
package main

import (
	"math"
	"runtime/debug"
)

func main() {
	debug.SetMemoryLimit(math.MaxInt64)
}

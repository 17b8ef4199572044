// 1 GiB is at or above the 256 MiB threshold.
package main

import "runtime/debug"

const GiB = 1 << 30

func main() {
	debug.SetMemoryLimit(GiB)
	debug.SetMemoryLimit(256 << 20)
}

// A constant at or above the threshold (1000 by default) is left alone, even 2000, which
// still lowers the default of 10000: the threshold is where a limit stops looking like a
// mistake. Raise the threshold in the configuration to report these too.
package main

import "runtime/debug"

const limit = 20000

func main() {
	debug.SetMaxThreads(1000)
	debug.SetMaxThreads(2000)
	debug.SetMaxThreads(limit)
	debug.SetMaxThreads(1 << 14)
}

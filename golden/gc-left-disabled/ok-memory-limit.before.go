// GC off with a memory limit is a documented setup: the limit makes the collector run
// when the heap nears it. The package sets one, so SetGCPercent(-1) is left alone.
package batch

import "runtime/debug"

func Configure() {
	debug.SetMemoryLimit(512 << 20)
}

func Start() {
	debug.SetGCPercent(-1)
}

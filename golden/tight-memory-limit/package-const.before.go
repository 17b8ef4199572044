package worker

import "runtime/debug"

const (
	MiB         = 1 << 20
	memoryLimit = 64 * MiB
)

func init() {
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(int64(memoryLimit)) // want "tight-memory-limit"
}

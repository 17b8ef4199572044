package build

import (
	"fmt"
	"runtime/debug"
)

const off = -1

func Index(words []string) map[string]int {
	// Indexing allocates a lot; collect afterwards.
	debug.SetGCPercent(off) // want "gc-left-disabled"

	index := map[string]int{}
	for i, w := range words {
		index[w] = i
	}
	return index
}

func Report(fast bool, lines []string) {
	if fast {
		debug.SetGCPercent(-1 << 0) // GC off while printing // want "gc-left-disabled"
	}

	for _, l := range lines {
		fmt.Println(l)
	}
}

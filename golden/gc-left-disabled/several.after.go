package build

import (
	"fmt"
	"runtime/debug"
)

const off = -1

func Index(words []string) map[string]int {
	// Indexing allocates a lot; collect afterwards.
	prev := debug.SetGCPercent(off) // want "gc-left-disabled"
	defer debug.SetGCPercent(prev)

	index := map[string]int{}
	for i, w := range words {
		index[w] = i
	}
	return index
}

func Report(fast bool, lines []string) {
	if fast {
		prev := debug.SetGCPercent(-1 << 0) // GC off while printing // want "gc-left-disabled"
		defer debug.SetGCPercent(prev)
	}

	for _, l := range lines {
		fmt.Println(l)
	}
}

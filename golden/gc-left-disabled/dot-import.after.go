package cache

import (
	. "runtime/debug"
)

// Warm fills the cache with GC off while it allocates.
func Warm(n int) []int {
	prev := SetGCPercent(-1) // want "gc-left-disabled"
	defer SetGCPercent(prev)
	xs := make([]int, 0, n)
	for i := 0; i < n; i++ {
		xs = append(xs, i*i)
	}
	return xs
}

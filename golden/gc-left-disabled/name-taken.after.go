package cache

import "runtime/debug"

var prev = map[string]int{}

// Fill already has a prev (the package's), so the fix names its variable prev2.
func Fill(keys []string) {
	prev2 := debug.SetGCPercent(-1) // want "gc-left-disabled"
	defer debug.SetGCPercent(prev2)
	for i, k := range keys {
		prev[k] = i
	}
}

// The object is a local whose address is taken; the cleanup closure refers to the local,
// which is the object.
package cache

import rt "runtime"

type entry struct{ key string }

func forget(string) {}

// Track forgets the key when the entry is collected.
func Track(key string) *entry {
	var e entry
	e.key = key
	rt.AddCleanup(&e, func(struct{}) { forget(e.key) }, struct{}{}) // want "cleanup-keeps-object"
	return &e
}

// Exercise 12: SetGCPercent(-1) left enabled
//
// setup() is not main, so its defer runs when setup returns: GC is back on (GOGC 100)
// before main allocates. The exercise keeps every buffer in data, so its heap reads 200 MB
// with or without the fix; the symptom check in tests/symptoms reads the GC percent in force
// after setup() returns instead (-1 before, 100 after). The fix is unsafe: only main calls
// setup(), and such a helper of a short-lived command may turn GC off for the rest of the
// run on purpose; this one says it is for set-up speed, so restoring at its return is right.
package main

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

func setup() {
	prev := debug.SetGCPercent(-1) // "for setup speed" // want "gc-left-disabled"
	defer debug.SetGCPercent(prev)
	// ... heavy init ...
	// forgot to restore
}
func main() {
	setup()
	var data [][]byte
	for i := 0; i < 200; i++ {
		data = append(data, make([]byte, 1<<20))
		time.Sleep(50 * time.Millisecond)
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	fmt.Println("heap:", s[0].Value.Uint64()/(1<<20), "MB")
	_ = data
}

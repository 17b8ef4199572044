// Exercise 12: SetGCPercent(-1) left enabled
package main

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

func setup() {
	debug.SetGCPercent(-1) // "for setup speed"
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

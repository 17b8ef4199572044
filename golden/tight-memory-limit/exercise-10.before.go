// Exercise 10: GOMEMLIMIT set tighter than working set
//
// The exercise's fix raises the limit above the working set; gomend deletes the call
// instead, so the limit comes from GOMEMLIMIT where the deployment sets it (about 90% of
// the container's memory), rather than from another number written into the code.
package main

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

func main() {
	debug.SetMemoryLimit(50 << 20) // 50 MB // want "tight-memory-limit"
	var data [][]byte
	for i := 0; i < 200; i++ {
		data = append(data, make([]byte, 1<<20)) // 1 MB each
	}
	s := []metrics.Sample{
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}
	for i := 0; i < 5; i++ {
		time.Sleep(time.Second)
		metrics.Read(s)
		fmt.Printf("gc=%.3fs heap=%dMB\n",
			s[0].Value.Float64(),
			s[1].Value.Uint64()/(1<<20))
	}
	_ = data
}

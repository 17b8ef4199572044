// Exercise 10: GOMEMLIMIT set tighter than working set
package main

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

func main() {
	debug.SetMemoryLimit(50 << 20) // 50 MB
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

package worker

import (
	"fmt"
	"runtime/debug"
)

const maxThreads = 1 << 4

const (
	small = 5
	tiny  = small * 2
)

func Limit() {
	debug.SetMaxThreads(maxThreads) // want "low-max-threads"
	fmt.Println("limited")
}

func LimitMore(jobs []int) {
	debug.SetMaxThreads(tiny) // want "low-max-threads"
	const n = 5
	debug.SetMaxThreads(n) // want "low-max-threads"
	for i := 0; i < n && i < len(jobs); i++ {
		fmt.Println(jobs[i])
	}
	debug.SetMaxThreads((1_0 + 0x2) * 3) // want "low-max-threads"
}

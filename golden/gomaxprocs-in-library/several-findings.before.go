package worker

import (
	"fmt"
	"runtime"
)

// Tuning happens at import time.
func init() {
	// We use 4 cores efficiently.
	runtime.GOMAXPROCS(4) // want "gomaxprocs-in-library"
}

func Info() string {
	return fmt.Sprint(runtime.NumCPU(), " CPUs")
}

func init() {
	runtime.GOMAXPROCS(1 << 3) // want "gomaxprocs-in-library"
}

type Pool struct{ size int }

func (p *Pool) Grow() {
	p.size++
	runtime.GOMAXPROCS(32) // want "gomaxprocs-in-library"
}

var start = func() {
	runtime.GOMAXPROCS(6) // want "gomaxprocs-in-library"
}

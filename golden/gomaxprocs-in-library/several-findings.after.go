package worker

import (
	"fmt"
	"runtime"
)

func Info() string {
	return fmt.Sprint(runtime.NumCPU(), " CPUs")
}

type Pool struct{ size int }

func (p *Pool) Grow() {
	p.size++
}

var start = func() {
	runtime.GOMAXPROCS(6) // want "gomaxprocs-in-library"
}

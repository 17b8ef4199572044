package main

import (
	"fmt"
	"runtime"
)

type scheduler struct{ yields int }

func (s *scheduler) Gosched() { s.yields++ }

func main() {
	// The local variable named runtime is not the package.
	runtime := &scheduler{}
	for i := 0; i < 3; i++ {
		fmt.Println(i)
		runtime.Gosched()
	}
}

func cpus() int { return runtime.NumCPU() }

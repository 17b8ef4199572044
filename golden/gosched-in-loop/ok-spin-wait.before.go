// Spin-waits: the loop waits for another goroutine, and the yield is what lets it run.
package main

import (
	"runtime"
	"sync/atomic"
)

var (
	ready   atomic.Bool
	state   int32
	stopped bool
)

func main() {
	go func() { ready.Store(true); atomic.StoreInt32(&state, 1); stopped = true }()
	for !ready.Load() {
		runtime.Gosched()
	}
	for atomic.LoadInt32(&state) == 0 {
		runtime.Gosched()
	}
	spins := 0
	for !stopped {
		spins++
		runtime.Gosched()
	}
	for {
		if stopped {
			break
		}
		spins++
		runtime.Gosched()
	}
	for i := 0; ; i++ {
		if atomic.LoadInt32(&state) == 1 {
			break
		}
		spins += i
		runtime.Gosched()
	}
	_ = spins
}

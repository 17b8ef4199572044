// Loops that poll shared state through a channel or a lock are waits, not work.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var (
	mu    sync.Mutex
	queue []int
)

func main() {
	done := make(chan struct{})
	results := make(chan int, 1)
	go func() { results <- 1; close(done) }()
	for {
		select {
		case <-done:
			return
		default:
		}
		fmt.Println("waiting")
		runtime.Gosched()
	}
}

func take() int {
	for {
		mu.Lock()
		n := len(queue)
		var v int
		if n > 0 {
			v, queue = queue[0], queue[1:]
		}
		mu.Unlock()
		if n > 0 {
			return v
		}
		runtime.Gosched()
	}
}

func collect(results chan int, n int) (sum int) {
	for len(results) < n {
		sum++
		runtime.Gosched()
	}
	return sum
}

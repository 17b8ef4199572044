// Rewritten with --unsafe-fixes only: an endless loop, a loop that changes its own
// condition, and a counted loop that takes a lock. The yield cannot be what ends them,
// but with preemption off on GOMAXPROCS=1 it may be what lets another goroutine run.
package main

import (
	"fmt"
	"sync"
)

var (
	mu    sync.Mutex
	total int
)

func next(n int) int { return n*3 + 1 }

func drain(queue []int) {
	for len(queue) > 0 {
		fmt.Println(queue[0])
		queue = queue[1:]
	}
}

func worker(jobs func() int) {
	for {
		fmt.Println(next(jobs()))
	}
}

func add(n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		total += i
		mu.Unlock()
	}
}

func main() {
	drain([]int{1, 2, 3})
	add(10)
	go worker(func() int { return 1 })
	fmt.Println(total)
}

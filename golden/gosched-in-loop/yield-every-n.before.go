package main

import (
	"fmt"
	"runtime"
)

const every = 1 << 10

func main() {
	total := 0
	for i := 0; i < 1_000_000; i++ {
		total += i % 7
		if i%every == 0 {
			runtime.Gosched() // want "gosched-in-loop"
		}
	}
	for i := 0; i < 1000; i++ {
		// Let other goroutines in now and then.
		if i%100 == 0 {
			runtime.Gosched() // want "gosched-in-loop"
		}

		total -= i
	}
	fmt.Println(total)
}

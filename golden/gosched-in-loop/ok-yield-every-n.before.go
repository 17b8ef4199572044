// Left alone: rate-limited yields, once every 1024 items and once every 100, under an
// if: they cost little by design, so they are not the per-iteration yield of the exercise.
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
			runtime.Gosched()
		}
	}
	for i := 0; i < 1000; i++ {
		// Let other goroutines in now and then.
		if i%100 == 0 {
			runtime.Gosched()
		}

		total -= i
	}
	fmt.Println(total)
}

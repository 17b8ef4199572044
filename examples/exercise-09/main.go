// Exercise 9: runtime.Gosched inside a hot allocator loop
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	start := time.Now()
	sum := 0
	for i := 0; i < 100_000_000; i++ {
		sum += i
		runtime.Gosched() // "for fairness"
	}
	fmt.Println(sum, time.Since(start))
}

// Exercise 9: runtime.Gosched inside a hot allocator loop
//
// The rewrite is the exercise's own fix: the call goes, the loop stays. No symptom check
// measures it: the only symptom is time (1.15-1.45 s with the call against 6-12 ms without
// it for 10 M iterations in the lab), and a timing threshold would be flaky in CI. The check
// in tests/symptoms runs the program before and after the rewrite and compares the sums.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	sum := 0
	for i := 0; i < 100_000_000; i++ {
		sum += i
	}
	fmt.Println(sum, time.Since(start))
}

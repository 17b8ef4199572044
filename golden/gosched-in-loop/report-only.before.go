// Reported, not rewritten: removing the yield would leave an empty case behind, and gomend
// cannot drop the case around it. The yield runs on one iteration in ten, not on every one,
// and the message says "in a loop".
package main

import (
	"fmt"
	"runtime"
)

func main() {
	total := 0
	for i := 0; i < 1000; i++ {
		total += i
		switch i % 10 {
		case 0:
			runtime.Gosched() // want "gosched-in-loop"
		case 1:
			total++
		}
	}
	fmt.Println(total)
}

// Reported, not rewritten: removing the yield would leave an empty block behind, and
// gomend cannot drop the block around it (an else branch, a call in the condition, a case).
package main

import (
	"fmt"
	"runtime"
)

func busy() bool { return false }

func main() {
	total := 0
	for i := 0; i < 1000; i++ {
		total += i
		if i%100 == 0 {
			runtime.Gosched() // want "gosched-in-loop"
		} else {
			total--
		}
		if busy() {
			runtime.Gosched() // want "gosched-in-loop"
		}
		switch i % 10 {
		case 0:
			runtime.Gosched() // want "gosched-in-loop"
		case 1:
			total++
		}
	}
	fmt.Println(total)
}

// Exercise 3: Unmatched LockOSThread
//
// No symptom check runs this program: it deadlocks with or without the fix ("fatal error:
// all goroutines are asleep - deadlock!" from select {}, measured on Go 1.27), and its ten
// goroutines run once, so there is no repeated thread churn to count (exercise 11 has it).
// The exercise's fix also deletes the "forgot to unlock" comment; gomend never deletes a
// comment it did not write.
package main

import (
	"fmt"
	"runtime"
)

func work() {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	fmt.Println("doing work on a fixed thread")
	// forgot to unlock
}
func main() {
	for i := 0; i < 10; i++ {
		go work()
	}
	select {}
}

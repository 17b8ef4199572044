// Reported, not rewritten: the result of SetMaxThreads is used, so deleting the call would
// leave its use without a value. Remove the call and the restore by hand.
package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	old := debug.SetMaxThreads(5) // want "low-max-threads"
	fmt.Println("previous limit:", old)
	defer debug.SetMaxThreads(debug.SetMaxThreads(10)) // want "low-max-threads"
	if debug.SetMaxThreads(20) > 0 {                   // want "low-max-threads"
		fmt.Println("lowered")
	}
}

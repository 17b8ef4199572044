// Exercise 3: Unmatched LockOSThread
package main

import (
	"fmt"
	"runtime"
)

func work() {
	runtime.LockOSThread()
	fmt.Println("doing work on a fixed thread")
	// forgot to unlock
}
func main() {
	for i := 0; i < 10; i++ {
		go work()
	}
	select {}
}

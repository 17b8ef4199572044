// The loop watches the scheduler (NumGoroutine, Stack) or sleeps: the yield is the point,
// or costs nothing next to the sleep.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func waitForGoroutines(want int) {
	for i := 0; i < 1000; i++ {
		n := runtime.NumGoroutine()
		fmt.Println(n)
		runtime.Gosched()
		if n <= want {
			return
		}
	}
}

func poll(tick func() bool) {
	for tick() {
		time.Sleep(time.Millisecond)
		runtime.Gosched()
	}
}

func main() {
	waitForGoroutines(1)
	poll(func() bool { return false })
}

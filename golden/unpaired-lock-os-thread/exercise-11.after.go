// Exercise 11: Goroutine exit while locked, breaking a global
//
// The exercise gives no code for its fix ("Either unlock before exit:"); gomend defers the
// unlock, as the measurement did. Measured: about 10 new threads per round before, 0 or 1
// in later rounds after (tests/symptoms checks it).
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

func threads() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "Threads:") {
			var n int
			fmt.Sscanf(l, "Threads: %d", &n)
			return n
		}
	}
	return -1
}
func work(id int) {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()
	fmt.Println("worker", id, "starting on thread")
	time.Sleep(50 * time.Millisecond)
	// No UnlockOSThread; exits while locked
}
func main() {
	for round := 0; round < 5; round++ {
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func(id int) {
				defer wg.Done()
				work(id)
			}(i)
		}
		wg.Wait()
		time.Sleep(100 * time.Millisecond)
		fmt.Println("round", round, "threads:", threads())
	}
}

// Exercise 8: SetMaxThreads set too low
//
// The exercise proposes raising the limit to "2000 or higher"; gomend deletes the call
// instead. The runtime's default limit is 10000, so SetMaxThreads(2000) would still lower it.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
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
func main() {
	debug.SetMaxThreads(5) // want "low-max-threads"
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, _ := os.Open("/etc/hostname")
			buf := make([]byte, 64)
			f.Read(buf)
			f.Close()
			time.Sleep(50 * time.Millisecond)
		}()
	}
	wg.Wait()
	fmt.Println("threads:", threads())
}

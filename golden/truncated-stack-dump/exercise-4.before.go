// Exercise 4: runtime.Stack with a fixed too-small buffer
//
// The exercise's fix restarts from a 1 MiB buffer in an unbounded for loop that prints and
// returns from inside it. gomend keeps the program's shape: it inserts the growth loop
// after the call, capped at 64 MiB like runtime/pprof's own copy, so `n` and `buf[:n]`
// keep their meaning and the "got N bytes" line stays (now with the whole dump's size).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	for i := 0; i < 1000; i++ {
		go func() { time.Sleep(time.Hour) }()
	}
	time.Sleep(10 * time.Millisecond)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 4096)     // too small
		n := runtime.Stack(buf, true) // want "truncated-stack-dump"
		fmt.Printf("got %d bytes\n", n)
		fmt.Printf("%s\n", buf[:n])
	}()
	wg.Wait()
}

// Exercise 4: runtime.Stack with a fixed too-small buffer
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
		buf := make([]byte, 4096) // too small
		n := runtime.Stack(buf, true)
		fmt.Printf("got %d bytes\n", n)
		fmt.Printf("%s\n", buf[:n])
	}()
	wg.Wait()
}

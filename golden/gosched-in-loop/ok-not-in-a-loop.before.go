package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.Gosched()
	for i := 0; i < 3; i++ {
		fmt.Println(i)
		// A func literal is a body of its own, not the loop's.
		go func() {
			runtime.Gosched()
			fmt.Println("started")
		}()
	}
	runtime.Gosched()
}

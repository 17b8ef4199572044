// Exercise 7: Goroutine leak from missing context.Cancel
//
// Reported, not rewritten: the call sits in a loop and its context goes to a goroutine.
// The exercise's fix (defer cancel() inside the loop) stops no worker: a defer runs only
// when main returns, and the program measured 1,001 goroutines with and without it.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
			// do work
		}
	}
}
func main() {
	for i := 0; i < 1000; i++ {
		ctx, _ := context.WithCancel(context.Background()) // want "lost-cancel"
		go worker(ctx)
	}
	time.Sleep(2 * time.Second)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}

// Exercise 7: Goroutine leak from missing context.Cancel
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
		ctx, _ := context.WithCancel(context.Background())
		go worker(ctx)
	}
	time.Sleep(2 * time.Second)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}

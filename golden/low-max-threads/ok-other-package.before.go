package main

import "fmt"

// SetMaxThreads is this program's own function, not runtime/debug's.
func SetMaxThreads(n int) int { return n }

type debugging struct{}

func (debugging) SetMaxThreads(n int) int { return n }

var debug debugging

func main() {
	SetMaxThreads(5)
	debug.SetMaxThreads(5)
	fmt.Println("ok")
}

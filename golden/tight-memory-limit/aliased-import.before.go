package main

import (
	"fmt"
	dbg "runtime/debug"
)

func main() {
	dbg.SetMemoryLimit(50 * 1024 * 1024) // want "tight-memory-limit"
	fmt.Println("serving")
}

package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	fmt.Println("start")
	debug.SetMemoryLimit(128 << 20) // want "tight-memory-limit"
	fmt.Println("ready")
}

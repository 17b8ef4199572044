package main

import (
	"fmt"
	. "runtime/debug"
)

func main() {
	SetMemoryLimit(1_000_000) // want "tight-memory-limit"
	fmt.Println("serving")
}

package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	// Start-up.
	fmt.Println("starting")

	debug.SetMaxThreads(8) // keep it small // want "low-max-threads"

	// Serve.
	fmt.Println("serving")
}

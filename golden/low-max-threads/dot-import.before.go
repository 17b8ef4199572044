package main

import (
	"fmt"
	. "runtime/debug"
)

func main() {
	configure := func(name string) {
		SetMaxThreads(64) // want "low-max-threads"
		fmt.Println("configured", name)
	}
	configure("workers")
}

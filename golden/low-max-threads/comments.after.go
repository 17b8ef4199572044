package main

import "fmt"

func main() {
	// Start-up.
	fmt.Println("starting")

	// Serve.
	fmt.Println("serving")
}

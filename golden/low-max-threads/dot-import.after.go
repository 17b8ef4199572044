package main

import "fmt"

func main() {
	configure := func(name string) {
		fmt.Println("configured", name)
	}
	configure("workers")
}

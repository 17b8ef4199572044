package main

import "fmt"

const every = 1 << 10

func main() {
	total := 0
	for i := 0; i < 1_000_000; i++ {
		total += i % 7
	}
	for i := 0; i < 1000; i++ {
		total -= i
	}
	fmt.Println(total)
}

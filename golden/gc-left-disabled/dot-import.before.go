package main

import (
	"fmt"
	. "runtime/debug"
)

func main() {
	warm := func(n int) []int {
		SetGCPercent(-1) // want "gc-left-disabled"
		xs := make([]int, 0, n)
		for i := 0; i < n; i++ {
			xs = append(xs, i*i)
		}
		return xs
	}
	fmt.Println(len(warm(1000)))
}

package main

import "fmt"

func main() {
	square := func(xs []int) []int {
		out := make([]int, 0, len(xs))
		for i := len(xs) - 1; i >= 0; i-- {
			out = append(out, xs[i]*xs[i])
		}
		return out
	}
	fmt.Println(square([]int{1, 2, 3}))
}

package main

import (
	"fmt"
	"runtime"
	"strings"
)

func count(words []string) map[string]int {
	seen := map[string]int{}
	for _, w := range words {
		// Normalise first.
		w = strings.ToLower(w)

		seen[w]++
	}
	return seen
}

func main() {
	var b strings.Builder
	for i := 0; i < 3; i++ {
		b.WriteString("go ")
	}
	for n := 10; n > 0; n /= 2 {
		fmt.Fprint(&b, n) /* digits */
	}
	fmt.Println(count(strings.Fields(b.String())), runtime.NumCPU())
}

package mathx

import "runtime"

// Sum lives in a file with CRLF line endings.
func Sum(xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
		runtime.Gosched() // want "gosched-in-loop"
	}
	return sum
}

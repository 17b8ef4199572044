package mathx

// Sum lives in a file with CRLF line endings.
func Sum(xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return sum
}

package bench

// Sum adds the numbers.
func Sum(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}

package worker

import (
	"fmt"
	rt "runtime"
)

const workers = 8

// init tunes the scheduler for the pool.
func init() {
	rt.GOMAXPROCS(workers) // want "gomaxprocs-in-library"
}

func Describe() string {
	return fmt.Sprint("pool of ", workers)
}

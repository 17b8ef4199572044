package worker

import "fmt"

const workers = 8

func Describe() string {
	return fmt.Sprint("pool of ", workers)
}

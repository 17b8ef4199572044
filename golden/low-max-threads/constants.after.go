package worker

import "fmt"

const maxThreads = 1 << 4

const (
	small = 5
	tiny  = small * 2
)

func Limit() {
	fmt.Println("limited")
}

func LimitMore(jobs []int) {
	const n = 5
	for i := 0; i < n && i < len(jobs); i++ {
		fmt.Println(jobs[i])
	}
}

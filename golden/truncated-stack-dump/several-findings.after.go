package dump

import (
	"fmt"
	"os"
	"runtime"
)

func first() {
	buf := make([]byte, 1024)
	n := runtime.Stack(buf, true) // want "truncated-stack-dump"
	for n == len(buf) && len(buf) < 64<<20 {
		buf = make([]byte, 2*len(buf))
		n = runtime.Stack(buf, true)
	}
	fmt.Fprintf(os.Stderr, "%s", buf[:n])
}

func second(verbose bool) string {
	stack := make([]byte, 1<<12)
	size := runtime.Stack(stack, verbose) // want "truncated-stack-dump"
	for size == len(stack) && len(stack) < 64<<20 {
		stack = make([]byte, 2*len(stack))
		size = runtime.Stack(stack, verbose)
	}
	return string(stack[:size])
}

func third() []byte {
	b := make([]byte, 512)
	return b[:runtime.Stack(b, true)] // want "truncated-stack-dump"
}

var _ = []any{first, second, third}

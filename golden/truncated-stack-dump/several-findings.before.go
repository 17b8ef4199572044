package dump

import (
	"fmt"
	"os"
	"runtime"
)

func first() {
	buf := make([]byte, 1024)
	n := runtime.Stack(buf, true) // want "truncated-stack-dump"
	fmt.Fprintf(os.Stderr, "%s", buf[:n])
}

func second(verbose bool) string {
	stack := make([]byte, 1<<12)
	size := runtime.Stack(stack, verbose) // want "truncated-stack-dump"
	return string(stack[:size])
}

func third() []byte {
	b := make([]byte, 512)
	return b[:runtime.Stack(b, true)] // want "truncated-stack-dump"
}

var _ = []any{first, second, third}

package dump

import (
	"runtime"
	"strings"
)

const dumpSize = 8 << 10

type Reporter struct {
	all  bool
	last string
}

// Capture keeps the latest dump; the count is declared before the call.
func (r *Reporter) Capture() int {
	var n int
	buf := make([]byte, dumpSize)
	n = runtime.Stack(buf, r.all) // want "truncated-stack-dump"
	for n == len(buf) && len(buf) < 64<<20 {
		buf = make([]byte, 2*len(buf))
		n = runtime.Stack(buf, r.all)
	}
	r.last = string(buf[:n])
	return strings.Count(r.last, "goroutine ")
}

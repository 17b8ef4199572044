package dump

import (
	"os"
	rt "runtime"
)

// All writes every goroutine's stack to stderr.
func All() {
	buf := make([]byte, 16<<10)
	n := rt.Stack(buf, true) // want "truncated-stack-dump"
	for n == len(buf) && len(buf) < 64<<20 {
		buf = make([]byte, 2*len(buf))
		n = rt.Stack(buf, true)
	}
	os.Stderr.Write(buf[:n])
}

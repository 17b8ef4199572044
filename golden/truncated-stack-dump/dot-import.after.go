package dump

import (
	"io"
	. "runtime"
)

// Write writes every goroutine's stack to w.
func Write(w io.Writer) error {
	buf := make([]byte, 0x2000)
	n := Stack(buf, true) // want "truncated-stack-dump"
	for n == len(buf) && len(buf) < 64<<20 {
		buf = make([]byte, 2*len(buf))
		n = Stack(buf, true)
	}
	_, err := w.Write(buf[:n])
	return err
}

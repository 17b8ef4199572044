package buf

import . "runtime"

type Buffer struct{ data []byte }

func free([]byte) {}

// New returns a buffer whose memory goes back to the pool when it is collected.
func New(n int) *Buffer {
	b := &Buffer{data: make([]byte, n)}
	AddCleanup(b, func(int) { free(b.data) }, 0) // want "cleanup-keeps-object"
	return b
}

package buf

import "runtime"

type Buffer struct{ data []byte }

func free([]byte) {}

// New returns a buffer; the file has CRLF line endings.
func New(n int) *Buffer {
	b := &Buffer{data: make([]byte, n)}
	runtime.AddCleanup(b, func(int) { free(b.data) }, 0) // want "cleanup-keeps-object"
	return b
}

// Freeing memory the garbage collector does not see is what finalizers are for.
package arena

import "runtime"

var freeList [][]byte

type Buffer struct {
	mem []byte
}

func free(b []byte) { freeList = append(freeList, b[:0]) }

// New returns a buffer whose memory goes back to the free list.
func New(n int) *Buffer {
	b := &Buffer{mem: make([]byte, n)}
	runtime.SetFinalizer(b, func(b *Buffer) { free(b.mem) })
	return b
}

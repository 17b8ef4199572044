// A finalizer that only reads fields, or keeps a field's value, does not resurrect the
// object: the data outlives it, the object itself is freed.
package stats

import (
	"fmt"
	"runtime"
)

type Buffer struct {
	name string
	data []byte
	next *Buffer
}

var (
	freed     int
	lastName  string
	spare     []byte
	neighbour *Buffer
)

// Track counts freed buffers.
func Track(b *Buffer) {
	runtime.SetFinalizer(b, func(b *Buffer) {
		freed += len(b.data)
		lastName = b.name
		spare = b.data
		neighbour = b.next
		fmt.Println("freed", b.name)
	})
}

package pool

import . "runtime"

type Buffer struct {
	data []byte
}

var graveyard = make(chan *Buffer, 16)

// New returns a buffer whose finalizer hands it back for reuse.
func New() *Buffer {
	b := &Buffer{data: make([]byte, 1<<16)}
	SetFinalizer(b, func(b *Buffer) {
		graveyard <- b // want "finalizer-resurrection"
	})
	return b
}

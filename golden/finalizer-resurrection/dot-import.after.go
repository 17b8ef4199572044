package pool

type Buffer struct {
	data []byte
}

var graveyard = make(chan *Buffer, 16)

// New returns a buffer whose finalizer hands it back for reuse.
func New() *Buffer {
	b := &Buffer{data: make([]byte, 1<<16)}
	return b
}

package cache

import (
	"fmt"
	"runtime"
)

type Blob struct {
	data []byte
}

var kept []*Blob

// Load returns a blob whose finalizer keeps it around for inspection.
func Load() *Blob {
	b := &Blob{data: make([]byte, 1<<20)}
	runtime.SetFinalizer(b, func(b *Blob) {
		// Report the size first.
		fmt.Println("finalizing", len(b.data))

		// Keep it for a post-mortem.
		kept = append(kept, b) // want "finalizer-resurrection"

		/* done */
	})
	return b
}

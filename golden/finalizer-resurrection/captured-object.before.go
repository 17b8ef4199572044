// A finalizer closure that mentions the object itself keeps it reachable: it is never
// collected and the finalizer never runs. Reported without a fix: the closure should use
// its parameter.
package files

import (
	"os"
	"runtime"
)

type Handle struct {
	f *os.File
}

type Receiver struct {
	done chan bool
}

func (r *Receiver) finalize() { close(r.done) }

// Open wraps a file.
func Open(name string) (*Handle, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	h := &Handle{f: f}
	runtime.SetFinalizer(h, func(_ *Handle) {
		h.f.Close() // want "finalizer-resurrection"
	})
	return h, nil
}

// NewReceiver closes done when the receiver is dropped, or would.
func NewReceiver() *Receiver {
	r := &Receiver{done: make(chan bool)}
	runtime.SetFinalizer(r, r.finalize) // want "finalizer-resurrection"
	return r
}

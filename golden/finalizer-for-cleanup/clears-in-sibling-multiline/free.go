package dev

import "runtime"

// Free gives the device back now.
func Free(h *Handle) error {
	runtime.SetFinalizer(h,
		nil,
	)
	return h.f.Close()
}

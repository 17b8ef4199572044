package gl

import (
	"fmt"
	"runtime"
)

func paint(debug bool) error {
	// The driver keeps per-thread state.

	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()

	fmt.Println("painting")
	return nil
}

func paintMaybe(pin bool) {
	if pin {
		// Only some drivers need this.
		runtime.LockOSThread() // pinned // want "unpaired-lock-os-thread"
		defer runtime.UnlockOSThread()
	}
	fmt.Println("painting")
}

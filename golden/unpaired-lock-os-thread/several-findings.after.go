package gl

import (
	"fmt"
	"runtime"
)

type Window struct{ title string }

func (w *Window) Show() {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()
	fmt.Println("show", w.title)
}

// nested takes the lock twice and releases it once: the first lock is the unpaired one.
func nested() {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()
	runtime.LockOSThread()
	fmt.Println("inner")
	runtime.UnlockOSThread()
}

var render = func(frames int) {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()
	for i := 0; i < frames; i++ {
		fmt.Println("frame", i)
	}
}

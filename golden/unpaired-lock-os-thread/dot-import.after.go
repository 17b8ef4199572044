package gl

import (
	"fmt"
	. "runtime"
)

func Start(jobs <-chan func()) {
	go func() {
		LockOSThread() // want "unpaired-lock-os-thread"
		defer UnlockOSThread()
		for job := range jobs {
			job()
		}
		fmt.Println("render loop done")
	}()
}

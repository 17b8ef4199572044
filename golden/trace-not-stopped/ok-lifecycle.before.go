// Start and stop are split across a lifecycle, as in the testing package's before and
// after: another function of the file stops it.
package oklifecycle

import (
	"fmt"
	"os"
	"runtime/pprof"
)

var profile *os.File

func before(path string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		f.Close()
		return
	}
	profile = f
}

func after() {
	if profile != nil {
		pprof.StopCPUProfile()
		profile.Close()
	}
}

var _, _ = before, after

// The stop is handed to the caller.
package okreturnsstop

import (
	"os"
	"runtime/pprof"
)

// StartProfile starts a CPU profile and returns the function that ends it.
func StartProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

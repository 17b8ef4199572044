// Reported, not rewritten: the start is the function's last statement, so the function
// starts the profile for its caller; a deferred stop would end it at once. The stop has
// to go where the profiling should end.
package startsforcaller

import (
	"os"
	"runtime/pprof"
)

// EnableProfiling starts a CPU profile for the rest of the program.
func EnableProfiling(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	pprof.StartCPUProfile(f) // want "trace-not-stopped"
}

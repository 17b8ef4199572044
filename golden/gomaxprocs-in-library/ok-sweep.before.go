// A sweep over settings, as go test -cpu 1,2,4 runs: the values are the caller's.
package worker

import "runtime"

func runAll(cpus []int, run func()) {
	for _, procs := range cpus {
		runtime.GOMAXPROCS(procs)
		run()
	}
}

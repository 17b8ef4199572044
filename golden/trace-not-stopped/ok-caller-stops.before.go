// Left alone: the helper only starts the profile; its one caller stops it with a defer.
package bench

import (
	"os"
	"runtime/pprof"
)

func profileTo(f *os.File) error {
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	return nil
}

// Run profiles the work.
func Run(f *os.File, work func()) error {
	if err := profileTo(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	work()
	return nil
}

// Left alone: a profiler type starts the CPU profile in one method and stops it in another,
// the lifecycle its callers drive (Start at boot, Close at shutdown).
package profiler

import (
	"os"
	"runtime/pprof"
)

type CPU struct{ f *os.File }

func (p *CPU) Start(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return err
	}
	p.f = f
	return nil
}

func (p *CPU) Close() error {
	pprof.StopCPUProfile()
	return p.f.Close()
}

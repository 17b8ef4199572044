// Left alone: startProfiling and stopProfiling are the two halves of one switch, called
// from a signal handler elsewhere in the program.
package debugflags

import (
	"log"
	"os"
	"runtime/pprof"
)

var cpuFile *os.File

func startProfiling(path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Print(err)
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Print(err)
		f.Close()
		return
	}
	cpuFile = f
}

func stopProfiling() {
	pprof.StopCPUProfile()
	cpuFile.Close()
}

var _, _ = startProfiling, stopProfiling

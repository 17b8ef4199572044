// The finalizer only closes the file the Log holds: AddCleanup with the file as its argument
// does it without keeping the Log alive for another cycle.
package applog

import (
	"os"
	"runtime"
)

type Log struct {
	name string
	f    *os.File
}

// Open creates the log file.
func Open(name string) (*Log, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	l := &Log{name: name, f: f}
	runtime.AddCleanup(l, func(f *os.File) { f.Close() }, l.f) // want "finalizer-to-cleanup"
	return l, nil
}

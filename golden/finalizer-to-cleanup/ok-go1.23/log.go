// Left alone: the module is on go 1.23, which has no runtime.AddCleanup.
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
	runtime.SetFinalizer(l, func(l *Log) { l.f.Close() })
	return l, nil
}

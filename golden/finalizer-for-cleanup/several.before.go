package resources

import (
	"fmt"
	"os"
	"runtime"
)

type Log struct {
	f *os.File
}

type Temp struct {
	f *os.File
}

// OpenLog opens a log that is closed when it is collected.
func OpenLog(name string) (*Log, error) {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	l := &Log{f: f}
	// Close it when nobody uses it any more.
	runtime.SetFinalizer(l, func(l *Log) { // want "finalizer-for-cleanup"
		fmt.Fprintln(os.Stderr, "closing log")
		if err := l.f.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	})
	return l, nil
}

// NewTemp creates a temporary file that is removed when it is collected.
func NewTemp() (*Temp, error) {
	f, err := os.CreateTemp("", "res")
	if err != nil {
		return nil, err
	}
	t := &Temp{f: f}
	runtime.SetFinalizer(t, func(t *Temp) { t.f.Close(); os.Remove(t.f.Name()) }) // want "finalizer-for-cleanup"
	return t, nil
}

package worker

import "runtime"

var Version = "1.0"

func init() {
	runtime.GOMAXPROCS(4) // want "gomaxprocs-in-library"
}

func Run() {}

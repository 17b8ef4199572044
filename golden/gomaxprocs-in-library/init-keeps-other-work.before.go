// init keeps its other statements. Its computed value is reported without a fix: a package
// whose purpose is to set GOMAXPROCS (automaxprocs-style) computes it too. The constant in
// setup goes.
package worker

import (
	"log"
	"runtime"
)

var ready bool

func init() {
	log.SetPrefix("worker: ")

	// Use every core twice over.
	runtime.GOMAXPROCS(runtime.NumCPU() * 2) // want "gomaxprocs-in-library"
	ready = true
}

func setup() {
	runtime.GOMAXPROCS(16) // want "gomaxprocs-in-library"
	ready = true
}

package main

import "runtime/debug"

type tuner struct{ percent int }

func (t *tuner) SetGCPercent(p int) int { old := t.percent; t.percent = p; return old }

func setup() {
	// The local variable named debug is not the package.
	debug := &tuner{}
	debug.SetGCPercent(-1)
}

func main() {
	setup()
	debug.FreeOSMemory()
}

package main

import (
	"os"
	"runtime/debug"
	"strconv"
)

func main() {
	debug.SetGCPercent(50)
	n, _ := strconv.Atoi(os.Getenv("PERCENT"))
	debug.SetGCPercent(n)
	old := debug.SetGCPercent(-1)
	_ = old
}

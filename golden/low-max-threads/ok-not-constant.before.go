package main

import (
	"flag"
	"runtime/debug"
)

var limit = flag.Int("max-threads", 10000, "thread limit")

func main() {
	flag.Parse()
	debug.SetMaxThreads(*limit)
	n := 50
	debug.SetMaxThreads(n)
}

// Left alone: a batch command collects once every -gc-every items, a knob its user sets to
// keep the peak heap down; a collection under an if in a loop is deliberate memory control.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"strings"
)

func main() {
	every := flag.Int("gc-every", 0, "collect after this many records (0: never)")
	flag.Parse()
	var total int
	for i := 0; i < 100000; i++ {
		total += len(strings.Repeat("x", i%64))
		if *every > 0 && i%*every == 0 {
			runtime.GC()
		}
	}
	fmt.Println(total)
}

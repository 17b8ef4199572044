// A loop outside any handler: the fix is unsafe, since a batch job may collect between
// large steps on purpose; with --unsafe-fixes the call goes.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

func main() {
	var out []string
	for i := 0; i < 3; i++ {
		out = append(out, strings.Repeat("x", i))
		runtime.GC() // want "gc-in-hot-path"
	}
	fmt.Println(len(out))
}

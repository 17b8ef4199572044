// A loop outside any handler: the fix is unsafe, since a batch job may collect between
// large steps on purpose; with --unsafe-fixes the call goes.
package main

import (
	"fmt"
	"strings"
)

func main() {
	var out []string
	for i := 0; i < 3; i++ {
		out = append(out, strings.Repeat("x", i))
	}
	fmt.Println(len(out))
}

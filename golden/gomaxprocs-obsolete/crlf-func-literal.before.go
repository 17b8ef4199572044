// CRLF line endings, and the setting made in a func literal run at start-up.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	setup := func() {
		runtime.GOMAXPROCS(runtime.NumCPU()) // want "gomaxprocs-obsolete"
		fmt.Println("ready")
	}
	setup()
}

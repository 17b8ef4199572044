package worker

import (
	"fmt"
	"runtime"
)

func init() {
	runtime.GOMAXPROCS(4) // want "gomaxprocs-in-library"
}

// Hello lives in a file with CRLF line endings.
func Hello() { fmt.Println("hello") }

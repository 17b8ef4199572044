package worker

import "fmt"

// Hello lives in a file with CRLF line endings.
func Hello() { fmt.Println("hello") }

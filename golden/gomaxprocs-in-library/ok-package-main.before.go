// The application itself may choose.
package main

import "runtime"

func init() {
	runtime.GOMAXPROCS(4)
}

func main() {}

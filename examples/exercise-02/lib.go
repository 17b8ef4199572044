// Exercise 2: GOMAXPROCS in a library
package coollib

import "runtime"

func init() {
	runtime.GOMAXPROCS(4) // "we use 4 cores efficiently"
}

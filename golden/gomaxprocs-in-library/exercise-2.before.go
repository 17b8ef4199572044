// Exercise 2: GOMAXPROCS in a library
//
// The exercise's fix is the same: remove the init, and with it the runtime import. Measured:
// a program importing the library runs with 4 before, whatever its machine or GOMAXPROCS
// variable says, and with the runtime's default after (tests/symptoms checks it).
package coollib

import "runtime"

func init() {
	runtime.GOMAXPROCS(4) // want "gomaxprocs-in-library"
}

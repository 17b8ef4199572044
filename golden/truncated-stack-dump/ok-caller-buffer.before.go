// The buffer comes from the caller, who decides its size.
package dump

import "runtime"

// Fill writes the stacks into buf and returns how much was written.
func Fill(buf []byte) []byte {
	n := runtime.Stack(buf, true)
	return buf[:n]
}

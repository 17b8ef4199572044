// The buffer already grows in a loop, as in runtime/pprof and runtime/debug.
package dump

import "runtime"

// Stack returns every goroutine's stack.
func Stack() []byte {
	buf := make([]byte, 1024)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Reported, not rewritten: the second argument is a call, which the growth loop would
// have to call again.
package dump

import (
	"os"
	"runtime"
)

func verbose() bool { return os.Getenv("DUMP_ALL") != "" }

// Dump writes the stacks to stderr.
func Dump() {
	buf := make([]byte, 4096)
	n := runtime.Stack(buf, verbose()) // want "truncated-stack-dump"
	os.Stderr.Write(buf[:n])
}

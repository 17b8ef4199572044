// Reported, not rewritten: the error check goes on after a failed start, so a stop added
// after it could stop someone else's trace.
package checknotleaving

import (
	"io"
	"log"
	"runtime/trace"
)

// Trace traces f when it can.
func Trace(w io.Writer, f func()) {
	if err := trace.Start(w); err != nil { // want "trace-not-stopped"
		log.Print(err)
	}
	f()
}

package dump

import (
	"log"
	"net/http"
	"runtime"
)

// Handler serves the stack of the handling goroutine, or of all of them.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("debug") {
		case "all":
			if r.Method == http.MethodGet {
				buf := make([]byte, 4096)
				n := runtime.Stack(buf, true) // want "truncated-stack-dump"
				for n == len(buf) && len(buf) < 64<<20 {
					buf = make([]byte, 2*len(buf))
					n = runtime.Stack(buf, true)
				}

				// The whole dump, for the operator.
				w.Write(buf[:n])
			}
		default:
			buf := make([]byte, 2048)
			n := runtime.Stack(buf, false) // want "truncated-stack-dump"
			for n == len(buf) && len(buf) < 64<<20 {
				buf = make([]byte, 2*len(buf))
				n = runtime.Stack(buf, false)
			}
			log.Printf("%s", buf[:n])
		}
	})
}

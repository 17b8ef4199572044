// Left alone: an internal debug server's endpoint whose whole job is to force a collection
// (a "Run garbage collector" button on its memory page), registered under /gc.
package debugserver

import (
	"net/http"
	"runtime"
)

// Serve runs the debug pages.
func Serve(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/memory", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("memory page"))
	})
	mux.HandleFunc("/gc", func(w http.ResponseWriter, r *http.Request) {
		runtime.GC()
		runtime.GC()
		http.Redirect(w, r, "/memory", http.StatusTemporaryRedirect)
	})
	return http.ListenAndServe(addr, mux)
}

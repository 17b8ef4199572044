// A collection made to measure: the handler reads memory statistics (or writes a heap
// profile) right after it, as net/http/pprof's ?gc=1 does.
package server

import (
	"fmt"
	"net/http"
	"runtime"
	"runtime/pprof"
)

func MemStats(w http.ResponseWriter, r *http.Request) {
	if r.FormValue("gc") != "" {
		runtime.GC()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintln(w, m.HeapAlloc)
}

func Heap(w http.ResponseWriter, r *http.Request) {
	runtime.GC()
	pprof.Lookup("heap").WriteTo(w, 0)
}

package server

import (
	"fmt"
	"net/http"
	"runtime"
)

func List(w http.ResponseWriter, r *http.Request) {
	for _, name := range r.URL.Query()["name"] {
		fmt.Fprintln(w, name)
		runtime.GC() // want "gc-in-hot-path"
	}
	fmt.Fprintln(w, "cpus:", runtime.NumCPU())
}

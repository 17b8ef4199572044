package server

import (
	"net/http"
	. "runtime"
)

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		GC() // want "gc-in-hot-path"
		w.Write([]byte("pong"))
	})
}

package server

import (
	"net/http"
	"runtime"
)

// Handle lives in a file with CRLF line endings.
func Handle(w http.ResponseWriter, r *http.Request) {
	runtime.GC() // want "gc-in-hot-path"
	w.Write([]byte("ok"))
}

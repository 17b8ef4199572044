package server

import "net/http"

// Handle lives in a file with CRLF line endings.
func Handle(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}

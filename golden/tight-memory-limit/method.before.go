package server

import (
	"net/http"
	"runtime/debug"
)

type Server struct {
	mux *http.ServeMux
}

// Start tunes the runtime and serves.
func (s *Server) Start(addr string) error {
	// Keep the heap small.
	debug.SetMemoryLimit(100 << 20) // want "tight-memory-limit"

	return http.ListenAndServe(addr, s.mux)
}

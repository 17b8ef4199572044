package server

import (
	"net/http"
	rt "runtime"
)

type Server struct{ hits int }

// ServeHTTP is a handler by its name alone.
func (s *Server) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.hits++
	rt.GC() // want "gc-in-hot-path"
	w.WriteHeader(http.StatusNoContent)
}

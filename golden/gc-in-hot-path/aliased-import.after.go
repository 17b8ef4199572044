package server

import "net/http"

type Server struct{ hits int }

// ServeHTTP is a handler by its name alone.
func (s *Server) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.hits++
	w.WriteHeader(http.StatusNoContent)
}

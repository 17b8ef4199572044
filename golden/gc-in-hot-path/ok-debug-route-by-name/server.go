package admin

import (
	"net/http"
	"runtime/debug"
)

type Server struct{}

func (s *Server) freeMemory(w http.ResponseWriter, r *http.Request) {
	debug.FreeOSMemory()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}

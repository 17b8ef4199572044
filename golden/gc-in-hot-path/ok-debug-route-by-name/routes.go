// Left alone: the handler below is registered by name, in another file of the package,
// under /debug/freemem: an operator's button to hand memory back to the OS.
package admin

import "net/http"

// Routes registers the admin endpoints.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.Handle("/debug/freemem", http.HandlerFunc(s.freeMemory))
	mux.HandleFunc("/healthz", s.health)
}

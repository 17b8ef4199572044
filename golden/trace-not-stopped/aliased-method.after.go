package aliasedmethod

import (
	"net/http"
	rtrace "runtime/trace"
)

type tracer struct{ work func(*http.Request) }

// ServeHTTP traces the work of one request: no duration, so the trace ends at return.
func (t *tracer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := rtrace.Start(w); err != nil { // want "trace-not-stopped"
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rtrace.Stop()
	t.work(r)
}

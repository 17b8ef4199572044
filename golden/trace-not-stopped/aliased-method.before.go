package aliasedmethod

import (
	"net/http"
	rtrace "runtime/trace"
)

type tracer struct{ work func(*http.Request) }

// ServeHTTP traces the work of one request: no duration, so the trace ends at return.
func (t *tracer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rtrace.Start(w) // want "trace-not-stopped"
	t.work(r)
}

package server

import (
	"io"
	"net/http"
	pp "runtime/pprof"
)

func render(ctx interface{ Err() error }, w io.Writer) {
	if ctx.Err() == nil {
		io.WriteString(w, "ok\n")
	}
}

// Serve labels the handling goroutine with the request path; the file does not import
// context, so the fix adds it.
func Serve(w http.ResponseWriter, r *http.Request) {
	ctx := pp.WithLabels(r.Context(), pp.Labels("path", r.URL.Path))
	pp.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	render(ctx, w)
}

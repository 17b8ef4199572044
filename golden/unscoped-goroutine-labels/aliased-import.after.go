package server

import (
	"context"
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
	pp.Do(r.Context(), pp.Labels("path", r.URL.Path), func(ctx context.Context) {
		render(ctx, w)
	})
}

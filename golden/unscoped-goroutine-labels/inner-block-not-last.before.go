// The call ends an inner if, not the function: the handler goes on serving with the labels
// still set, and the connection's goroutine keeps them for the next request.
package middleware

import (
	"net/http"
	"runtime/pprof"
)

// Label tags the goroutine with the route while the request is served.
func Label(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if route := r.URL.Path; route != "" {
			ctx = pprof.WithLabels(ctx, pprof.Labels("route", route))
			pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

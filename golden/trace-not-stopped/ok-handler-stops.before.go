// A handler that stops the trace after the requested time, as net/http/pprof's does.
package okhandlerstops

import (
	"net/http"
	"runtime/trace"
	"strconv"
	"time"
)

// Trace serves an execution trace.
func Trace(w http.ResponseWriter, r *http.Request) {
	sec, _ := strconv.ParseFloat(r.FormValue("seconds"), 64)
	if sec <= 0 {
		sec = 1
	}
	if err := trace.Start(w); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	select {
	case <-time.After(time.Duration(sec * float64(time.Second))):
	case <-r.Context().Done():
	}
	trace.Stop()
}

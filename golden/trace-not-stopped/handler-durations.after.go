package handlerdurations

import (
	"net/http"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"time"
)

// Register mounts two tracing endpoints: one parses a duration, the other seconds as a
// float, as net/http/pprof does.
func Register(mux *http.ServeMux) {
	mux.HandleFunc("/trace", func(w http.ResponseWriter, req *http.Request) {
		d, err := time.ParseDuration(req.FormValue("d"))
		if err != nil || d <= 0 {
			d = time.Second
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		if err := trace.Start(w); err != nil { // want "trace-not-stopped"
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		select {
		case <-time.After(d):
		case <-req.Context().Done():
		}
		trace.Stop()
	})
	mux.HandleFunc("/profile", func(rw http.ResponseWriter, r *http.Request) {
		sec, _ := strconv.ParseFloat(r.FormValue("seconds"), 64)
		if sec <= 0 {
			sec = 30
		}
		if err := pprof.StartCPUProfile(rw); err != nil { // want "trace-not-stopped"
			http.Error(rw, err.Error(), http.StatusInternalServerError)
			return
		}
		select {
		case <-time.After(time.Duration(sec * float64(time.Second))):
		case <-r.Context().Done():
		}
		pprof.StopCPUProfile()
	})
}

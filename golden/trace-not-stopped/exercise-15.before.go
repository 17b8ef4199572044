// Exercise 15: runtime/trace left enabled in production
//
// The exercise's fix sleeps for the duration with time.Sleep (and forgets to import time).
// gomend waits with a select that also ends when the client goes away, as net/http/pprof's
// Trace handler does, so a closed connection does not hold the tracer for the full duration.
// It does not add the exercise's 60-second cap, which is a policy choice. The stale comment
// after the call stays: gomend never deletes comments.
package main

import (
	"log"
	"net/http"
	"runtime/trace"
	"strconv"
)

func main() {
	http.HandleFunc("/debug/trace", func(w http.ResponseWriter, r *http.Request) {
		sec, _ := strconv.Atoi(r.URL.Query().Get("seconds"))
		if sec <= 0 {
			sec = 5
		}
		trace.Start(w) // want "trace-not-stopped"
		// forgot to stop or to set a timer
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

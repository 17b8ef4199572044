// Exercise 15: runtime/trace left enabled in production
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
		trace.Start(w)
		// forgot to stop or to set a timer
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

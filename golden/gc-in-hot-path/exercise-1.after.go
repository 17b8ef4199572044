// Exercise 1: Manual GC() on a hot path
//
// The exercise's fix is the same: remove the runtime.GC() line, and with it the runtime
// import. Measured: one GC cycle per request before, none after (tests/symptoms checks it).
package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}
func main() {
	http.HandleFunc("/", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

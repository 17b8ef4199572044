// Exercise 1: Manual GC() on a hot path
package main

import (
	"log"
	"net/http"
	"runtime"
)

func handle(w http.ResponseWriter, r *http.Request) {
	runtime.GC() // "clean up before responding"
	w.Write([]byte("ok"))
}
func main() {
	http.HandleFunc("/", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

package main

import (
	"fmt"
	"net/http"
	"runtime"
	"runtime/debug"
)

func health(w http.ResponseWriter, r *http.Request) {
	runtime.GC() // want "gc-in-hot-path"
	fmt.Fprintln(w, "goroutines:", runtime.NumGoroutine())
}

func stats(w http.ResponseWriter, r *http.Request) {
	debug.FreeOSMemory() // want "gc-in-hot-path"
	fmt.Fprintln(w, "ok")
}

func process(batch []int) int {
	sum := 0
	for _, v := range batch {
		sum += v
	}
	return sum
}

func main() {
	batches := [][]int{{1, 2}, {3, 4}}
	total := 0
	for _, b := range batches {
		total += process(b)
		runtime.GC() // want "gc-in-hot-path"
	}
	fmt.Println(total)
	http.HandleFunc("/health", health)
	http.HandleFunc("/stats", stats)
}

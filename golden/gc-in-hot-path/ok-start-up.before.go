// Start-up and exit hooks collect once, outside any handler or loop.
package main

import (
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
)

func load() []byte {
	data, _ := os.ReadFile("config.json")
	runtime.GC() // the parse garbage is gone before serving
	return data
}

func main() {
	cfg := load()
	debug.FreeOSMemory()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Write(cfg)
	})
	defer runtime.GC()
}

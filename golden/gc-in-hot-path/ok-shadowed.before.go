// Not the runtime package: a local that shadows the name, and a package without the import.
package server

import "net/http"

type collector struct{ runs int }

func (c *collector) GC() { c.runs++ }

func Handle(w http.ResponseWriter, r *http.Request) {
	runtime := &collector{}
	runtime.GC()
	w.Write(nil)
}

func GC() {}

func Other(w http.ResponseWriter, r *http.Request) {
	GC()
}

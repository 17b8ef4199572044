// Report only: the call shares its line with other code, so deleting its line would take
// that code too.
package server

import (
	"net/http"
	"runtime"
)

func Handle(w http.ResponseWriter, r *http.Request) { runtime.GC(); w.Write(nil) } // want "gc-in-hot-path"

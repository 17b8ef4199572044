// Left alone: an admin handler named for what it does, registered elsewhere by the
// router: collecting is its job, then it sends the operator back to the index.
package admin

import (
	"net/http"
	"runtime"
)

func handleGC(w http.ResponseWriter, r *http.Request) {
	runtime.GC()
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

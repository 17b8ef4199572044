// The handler is registered by name under an API path: collecting there costs every upload
// a full garbage collection, so the call goes.
package upload

import "net/http"

// Routes registers the upload API.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/upload", handleUpload)
}

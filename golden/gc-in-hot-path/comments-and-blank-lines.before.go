package server

import (
	"io"
	"net/http"
	"runtime"
)

func Upload(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}

	// The body can be large: give the memory back before answering.
	runtime.GC() // want "gc-in-hot-path"

	w.Write(data[:min(len(data), 16)])
}

func Echo(w http.ResponseWriter, r *http.Request) {
	// Copy the body back.
	io.Copy(w, r.Body)

	runtime.GC() // want "gc-in-hot-path"
}

func Drain(w http.ResponseWriter, r *http.Request) {
	// Read everything first,
	// then collect.
	io.Copy(io.Discard, r.Body)
	runtime.GC() // want "gc-in-hot-path"
	w.WriteHeader(http.StatusAccepted)
}

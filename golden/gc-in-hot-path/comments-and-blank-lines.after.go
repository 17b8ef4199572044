package server

import (
	"io"
	"net/http"
)

func Upload(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}

	w.Write(data[:min(len(data), 16)])
}

func Echo(w http.ResponseWriter, r *http.Request) {
	// Copy the body back.
	io.Copy(w, r.Body)
}

func Drain(w http.ResponseWriter, r *http.Request) {
	// Read everything first,
	// then collect.
	io.Copy(io.Discard, r.Body)
	w.WriteHeader(http.StatusAccepted)
}

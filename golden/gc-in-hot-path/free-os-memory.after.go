package server

import (
	"encoding/json"
	"net/http"
)

type report struct{ Items []string }

type exporter struct{ items []string }

// ServeHTTP makes exporter an http.Handler: every request pays for the collection.
func (e exporter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(report{Items: e.items})
}

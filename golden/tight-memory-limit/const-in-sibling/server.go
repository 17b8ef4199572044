package cache

import (
	"runtime/debug"
	"sync"
)

// Server holds the cached entries.
type Server struct {
	mu      sync.Mutex
	entries map[string][]byte
}

// NewServer returns an empty server.
func NewServer() *Server {
	debug.SetMemoryLimit(limit) // want "tight-memory-limit"
	return &Server{entries: make(map[string][]byte)}
}

// Put stores a copy of value under key.
func (s *Server) Put(key string, value []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries[key] = append([]byte(nil), value...)
}

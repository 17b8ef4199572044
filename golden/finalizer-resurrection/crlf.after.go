package cache

import (
	"log"
	"runtime"
)

type Entry struct {
	key  string
	data []byte
}

var lastEvicted *Entry

// Put stores an entry and logs when it is collected.
func Put(key string, data []byte) *Entry {
	e := &Entry{key: key, data: data}
	runtime.SetFinalizer(e, func(e *Entry) {
		log.Printf("evicted %s", e.key)
	})
	return e
}

// Test, benchmark and helper code collects on purpose, loops included.
package cache

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

func BenchmarkGet(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.GC()
	}
}

func TestHandler(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		runtime.GC()
	}
	h(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

func settle(tb testing.TB) {
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
}

// Left alone: a test resurrects objects on purpose, to check that a revived object keeps
// its state after its finalizer ran.
package pool

import (
	"runtime"
	"testing"
	"time"
)

var revived []*Object

func TestRevivedObjectKeepsState(t *testing.T) {
	o := &Object{ID: 7}
	runtime.SetFinalizer(o, func(o *Object) {
		revived = append(revived, o)
	})
	o = nil
	for i := 0; i < 10 && len(revived) == 0; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if len(revived) == 1 && revived[0].ID != 7 {
		t.Fatalf("revived object lost its state: %+v", revived[0])
	}
}

// Left alone: the context package's own tests (package context or context_test) discard
// cancel functions on purpose, to test that a context without one still ends with its parent
// or its deadline.
package context_test

import (
	"context"
	"testing"
	"time"
)

func TestDeadlineEndsWithoutCancel(t *testing.T) {
	ctx, _ := context.WithTimeout(context.Background(), 10*time.Millisecond)
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
		t.Fatal("context not done after its deadline")
	}
}

func TestParentCancelReachesChild(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	child, _ := context.WithCancel(parent)
	cancel()
	<-child.Done()
}

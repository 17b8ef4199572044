// The module is on go 1.23, where testing.T has no Context method: the cancel is kept
// and deferred instead of becoming t.Context().
package client

import (
	"context"
	"testing"
)

func TestFetch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background()) // want "lost-cancel"
	defer cancel()
	got, err := Fetch(ctx, "k")
	if err != nil || got != "k" {
		t.Fatalf("Fetch = %q, %v", got, err)
	}
}

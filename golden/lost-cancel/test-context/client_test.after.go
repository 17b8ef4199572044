// In a test function on Go 1.24 or later, the discarded cancel's context becomes the test's
// own context, which the test cancels as it ends: what go fix's testingcontext writes next.
package client

import "testing"

func TestFetch(t *testing.T) {
	ctx := t.Context() // want "lost-cancel"
	got, err := Fetch(ctx, "k")
	if err != nil || got != "k" {
		t.Fatalf("Fetch = %q, %v", got, err)
	}
}

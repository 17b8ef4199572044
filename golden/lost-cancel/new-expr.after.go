//go:build go1.26

package store

import (
	"context"
	"time"
)

// Options holds optional settings: nil means the default.
type Options struct {
	Timeout *time.Duration
	Retries *int
}

// defaults takes pointers to values in one step, with Go 1.26's new(expr).
var defaults = Options{
	Timeout: new(5 * time.Second),
	Retries: new(3),
}

// Fetch calls get under the default timeout.
func Fetch(parent context.Context, get func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, *defaults.Timeout) // want "lost-cancel"
	defer cancel()
	var err error
	for range *defaults.Retries {
		if err = get(ctx); err == nil {
			return nil
		}
	}
	return err
}

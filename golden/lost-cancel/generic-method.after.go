//go:build go1.27

package pipeline

import (
	"context"
	"time"
)

// Stage holds the items of one pipeline stage.
type Stage[T any] struct {
	items []T
}

// Collect converts every item, giving up after a second. It is a generic method (Go 1.27):
// it has a type parameter of its own beside its type's.
func (s *Stage[T]) Collect[U any](parent context.Context, convert func(T) U) ([]U, error) {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "lost-cancel"
	defer cancel()
	out := make([]U, 0, len(s.items))
	for _, item := range s.items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out = append(out, convert(item))
	}
	return out, nil
}

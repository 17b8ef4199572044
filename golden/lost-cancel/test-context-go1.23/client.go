package client

import "context"

// Fetch asks the server for a key.
func Fetch(ctx context.Context, key string) (string, error) { return key, ctx.Err() }

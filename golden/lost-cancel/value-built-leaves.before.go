// Reported only: the context stays in the function, but a value built from it leaves: a
// request made with it, the rows of a query run under it, a client that holds it. A deferred
// cancel would cancel the request, close the rows or stop the client as the function returns.
package store

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type client struct {
	ctx  context.Context
	base string
}

func NewRequest(parent context.Context, url string) (*http.Request, error) {
	ctx, _ := context.WithTimeout(parent, 10*time.Second) // want "lost-cancel"
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return req, nil
}

func Recent(parent context.Context, db *sql.DB) (*sql.Rows, error) {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "lost-cancel"
	return db.QueryContext(ctx, "SELECT id FROM events ORDER BY id DESC LIMIT 10")
}

func Dial(parent context.Context, base string) *client {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	c := &client{ctx: ctx, base: base}
	return c
}

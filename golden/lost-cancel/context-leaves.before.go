// Reported only: each context leaves the function that made it (returned, kept in a field,
// a package variable, a map or a slice, sent on a channel, or captured by a closure that is
// returned or registered), so a deferred cancel would cancel it for whoever holds it the
// moment the function returns.
package session

import (
	"context"
	"time"
)

type Session struct {
	ctx   context.Context
	hooks []func()
}

var current context.Context

func WithBudget(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, 30*time.Second) // want "lost-cancel"
	return ctx
}

func Open(parent context.Context) *Session {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	return &Session{ctx: ctx}
}

func (s *Session) Renew(parent context.Context) {
	ctx, _ := context.WithDeadline(parent, time.Now().Add(time.Minute)) // want "lost-cancel"
	s.ctx = ctx
}

func SetCurrent(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	current = ctx
}

func Register(parent context.Context, byName map[string]context.Context, name string) {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	byName[name] = ctx
}

func Collect(parent context.Context, all []context.Context) []context.Context {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	return append(all, ctx)
}

func Hand(parent context.Context, out chan<- context.Context) {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	out <- ctx
}

func Waiter(parent context.Context) func() error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "lost-cancel"
	return func() error {
		<-ctx.Done()
		return ctx.Err()
	}
}

func (s *Session) OnClose(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	s.hooks = append(s.hooks, func() { <-ctx.Done() })
}

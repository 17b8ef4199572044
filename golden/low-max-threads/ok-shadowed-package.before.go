package main

import "runtime/debug"

type limiter struct{ max int }

func (l *limiter) SetMaxThreads(n int) int { old := l.max; l.max = n; return old }

func main() {
	// The local variable named debug is not the package.
	debug := &limiter{}
	debug.SetMaxThreads(5)
	_ = debug
}

func stack() []byte { return debug.Stack() }

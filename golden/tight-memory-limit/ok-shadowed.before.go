// A parameter named debug is not the package.
package tune

import "runtime/debug"

type limiter struct{ limit int64 }

func (l *limiter) SetMemoryLimit(n int64) int64 {
	old := l.limit
	l.limit = n
	return old
}

// Apply sets the limiter's limit, not the runtime's.
func Apply(debug *limiter) {
	debug.SetMemoryLimit(50 << 20)
}

// Stack is the real package.
func Stack() []byte { return debug.Stack() }

package pool

import (
	"fmt"
	rdebug "runtime/debug"
)

type Pool struct{ size int }

func (p *Pool) Start() {
	fmt.Println("pool of", p.size)
}

// Dump still uses the package, so its import stays.
func (p *Pool) Dump() []byte {
	return rdebug.Stack()
}

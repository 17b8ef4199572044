// Exercise 13: Profile labels not cleared across pooled goroutines
//
// Same as the exercise's fix: fn is declared func(context.Context), so it goes to pprof.Do
// as it is. main is not part of the exercise; it makes the program build.
package main

import (
	"context"
	"runtime/pprof"
)

type Pool struct {
	work chan func(context.Context)
}

func NewPool(n int) *Pool {
	p := &Pool{work: make(chan func(context.Context), 100)}
	for i := 0; i < n; i++ {
		go p.run()
	}
	return p
}
func (p *Pool) run() {
	for fn := range p.work {
		fn(context.Background())
	}
}
func (p *Pool) Submit(tenant string, fn func(context.Context)) {
	p.work <- func(ctx context.Context) {
		labels := pprof.Labels("tenant", tenant)
		pprof.Do(ctx, labels, fn)
	}
}

func main() {
	p := NewPool(2)
	p.Submit("acme", func(ctx context.Context) {})
}

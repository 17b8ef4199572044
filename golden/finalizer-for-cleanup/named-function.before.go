package slots

import "runtime"

type Pool struct {
	free []int
}

func (p *Pool) Release(id int) { p.free = append(p.free, id) }

type handle struct {
	pool *Pool
	id   int
}

func releaseHandle(h *handle) {
	h.pool.Release(h.id)
}

// Acquire takes a slot that goes back to the pool when the handle is collected.
func (p *Pool) Acquire() *handle {
	id := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	h := &handle{pool: p, id: id}
	runtime.SetFinalizer(h, releaseHandle) // want "finalizer-for-cleanup"
	return h
}

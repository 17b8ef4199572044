// Left alone: the finalizers use the object itself (a method of it, passing it on), re-arm,
// or belong to a type whose finalizer the package clears on an explicit Close.
package res

import (
	"os"
	"runtime"
)

type A struct{ f *os.File }

func (a *A) shutdown() { a.f.Close() }

type B struct{ f *os.File }

func report(*B) {}

type C struct{ f *os.File }

func (c *C) Close() error {
	runtime.SetFinalizer(c, nil)
	return c.f.Close()
}

func NewA(f *os.File) *A {
	a := &A{f: f}
	runtime.SetFinalizer(a, func(a *A) { a.shutdown() })
	return a
}

func NewB(f *os.File) *B {
	b := &B{f: f}
	runtime.SetFinalizer(b, func(b *B) {
		report(b)
		b.f.Close()
	})
	return b
}

func NewC(f *os.File) *C {
	c := &C{f: f}
	runtime.SetFinalizer(c, func(c *C) { c.f.Close() })
	return c
}

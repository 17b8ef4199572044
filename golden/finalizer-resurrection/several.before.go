package leak

import (
	"fmt"
	"runtime"
)

type Obj struct {
	next *Obj
	name string
}

type holder struct {
	obj *Obj
}

var (
	slots   [4]*Obj
	getter  func() *Obj
	lastObj *Obj
	boxes   []*holder
	anyVal  any
)

// Watch sets finalizers that each resurrect the object in a different way.
func Watch(a, b, c, d *Obj) {
	runtime.SetFinalizer(a, func(o *Obj) {
		slots[0] = o // want "finalizer-resurrection"
		fmt.Println("a finalized")
	})
	runtime.SetFinalizer(b, func(o *Obj) {
		getter = func() *Obj { return o } // want "finalizer-resurrection"
	})
	runtime.SetFinalizer(c, func(o *Obj) {
		lastObj = func() *Obj { return o }() // want "finalizer-resurrection"
		boxes = append(boxes, &holder{obj: o}) // want "finalizer-resurrection"
		anyVal = any(o) // want "finalizer-resurrection"
	})
	runtime.SetFinalizer(d, func(o *Obj) {
		saved := o
		lastObj = saved // want "finalizer-resurrection"
	})
}

// Outer keeps a dropped object in a variable of the enclosing function.
func Outer() func() *Obj {
	var last *Obj
	o := &Obj{name: "outer"}
	runtime.SetFinalizer(o, func(o *Obj) {
		if o.name != "" {
			last = o // want "finalizer-resurrection"
		}
	})
	return func() *Obj { return last }
}

// Inline stores it from a nested closure on the same line.
func Inline(o *Obj) {
	runtime.SetFinalizer(o, func(o *Obj) {
		func() { lastObj = o }() // want "finalizer-resurrection"
	})
}

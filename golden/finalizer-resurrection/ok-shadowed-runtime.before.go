// A parameter named runtime is not the package.
package shadow

import "runtime"

type registry struct{ last any }

func (r *registry) SetFinalizer(obj any, f func(any)) { f(obj) }

var kept any

// Run calls a method that happens to be named SetFinalizer.
func Run(runtime *registry) {
	obj := new(int)
	runtime.SetFinalizer(obj, func(p any) {
		kept = p
	})
}

// Collect is the real package.
func Collect() { runtime.GC() }

// A change the function undoes itself, as testing.AllocsPerRun does.
package worker

import "runtime"

func measure(f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f()
}

func serial(f func()) {
	prev := runtime.GOMAXPROCS(1)
	f()
	runtime.GOMAXPROCS(prev)
}

// Not the runtime package.
package gl

type locker struct{ n int }

func (l *locker) LockOSThread() { l.n++ }

func Frame() {
	runtime := &locker{}
	runtime.LockOSThread()
	println(runtime.n)
}

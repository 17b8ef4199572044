// Outside init, the setting is made by a function an application calls: here a library's
// Configure that hard-codes 8 procs for whoever calls it, overriding the container's CPU
// limit. Removing it is right, but a shim's own start-up function may pin itself to one or
// two threads on purpose, which the structure cannot tell apart: the fix is unsafe.
package workerpool

type Options struct{ Workers int }

// Configure prepares the pool for the process.
func Configure(o *Options) {
	if o.Workers == 0 {
		o.Workers = 8
	}
}

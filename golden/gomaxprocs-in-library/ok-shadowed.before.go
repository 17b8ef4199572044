// Not the runtime package.
package worker

type sched struct{ procs int }

func (s *sched) GOMAXPROCS(n int) int { s.procs = n; return n }

func init() {
	runtime := &sched{}
	runtime.GOMAXPROCS(4)
}

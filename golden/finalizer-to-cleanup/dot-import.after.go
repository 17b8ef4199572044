package timers

import (
	. "runtime"
	"time"
)

type Job struct{ t *time.Timer }

// Schedule stops the timer when the job is collected.
func Schedule(d time.Duration, f func()) *Job {
	j := &Job{t: time.AfterFunc(d, f)}
	AddCleanup(j, func(t *time.Timer) { t.Stop() }, j.t) // want "finalizer-to-cleanup"
	return j
}

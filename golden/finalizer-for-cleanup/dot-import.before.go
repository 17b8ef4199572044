package poller

import (
	. "runtime"
	"time"
)

type Poller struct {
	ticker *time.Ticker
	fn     func()
}

// Start polls every interval until the poller is garbage collected.
func Start(interval time.Duration, fn func()) *Poller {
	p := &Poller{ticker: time.NewTicker(interval), fn: fn}
	SetFinalizer(p, func(p *Poller) { // want "finalizer-for-cleanup"
		p.ticker.Stop()
	})
	return p
}

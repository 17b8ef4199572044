package gl

import rt "runtime"

type Context struct{ frames int }

func (c *Context) Draw() {
	rt.LockOSThread() // want "unpaired-lock-os-thread"
	defer rt.UnlockOSThread()
	c.frames++
}

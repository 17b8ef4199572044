// Pinning main to the main thread, as GUI and OpenGL code must.
package main

import "runtime"

func init() {
	runtime.LockOSThread()
}

func main() {
	runtime.LockOSThread()
	println("main loop")
}

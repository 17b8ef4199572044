// Report only: the lock shares its line with other code.
package gl

import "runtime"

func Frame() { runtime.LockOSThread(); println("frame") } // want "unpaired-lock-os-thread"

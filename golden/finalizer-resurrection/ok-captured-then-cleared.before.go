// The closure mentions the object's variable, but the variable is cleared afterwards, so
// the object can still be collected and the finalizer runs.
package main

import (
	"fmt"
	"runtime"
)

type Cache struct {
	data []byte
}

func main() {
	c := &Cache{data: make([]byte, 1<<20)}
	runtime.SetFinalizer(c, func(x *Cache) {
		fmt.Println("finalized, variable cleared:", c == nil, len(x.data))
	})
	c = nil
	runtime.GC()
}

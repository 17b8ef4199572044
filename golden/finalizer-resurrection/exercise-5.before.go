// Exercise 5: Finalizer that resurrects the object
package main

import (
	"fmt"
	"runtime"
)

type Cache struct {
	data []byte
}

var global *Cache

func main() {
	c := &Cache{data: make([]byte, 1<<20)}
	runtime.SetFinalizer(c, func(c *Cache) {
		global = c // resurrect! // want "finalizer-resurrection"
		fmt.Println("finalized")
	})
	c = nil
	runtime.GC()
	runtime.GC()
	fmt.Println("global is nil:", global == nil)
}

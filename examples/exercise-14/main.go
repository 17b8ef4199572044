// Exercise 14: Finalizer running too late
package main

import (
	"fmt"
	"os"
	"runtime"
)

type File struct {
	f *os.File
}

func Open(name string) *File {
	f, _ := os.Open(name)
	fw := &File{f: f}
	runtime.SetFinalizer(fw, func(fw *File) {
		fw.f.Close()
	})
	return fw
}
func main() {
	for i := 0; i < 100_000; i++ {
		_ = Open("/etc/hostname")
	}
	fmt.Println("opened many; never closed explicitly")
}

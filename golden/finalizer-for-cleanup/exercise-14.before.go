// Exercise 14: Finalizer running too late
//
// Reported, not rewritten: the exercise's fix (open and Close explicitly in main) changes
// Open's API and its callers, which is a decision for the author. The report explains
// explicit Close with defer, and runtime.AddCleanup as a safety net.
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
	runtime.SetFinalizer(fw, func(fw *File) { // want "finalizer-for-cleanup"
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

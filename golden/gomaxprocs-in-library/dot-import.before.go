package worker

import (
	"fmt"
	. "runtime"
)

func Start() {
	GOMAXPROCS(2) // want "gomaxprocs-in-library"
	fmt.Println("started")
}

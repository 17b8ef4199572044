package worker

import "fmt"

func Start() {
	fmt.Println("started")
}

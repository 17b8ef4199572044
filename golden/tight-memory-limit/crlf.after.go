package main

import "fmt"

func main() {
	fmt.Println("start")
	fmt.Println("ready")
}

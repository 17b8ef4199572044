// On Go 1.25 or later the runtime sets GOMAXPROCS from the container's CPU limit and keeps
// following it; setting it to the machine's CPU count turns that off.
package main

import "fmt"

func main() {
	fmt.Println("serving")
}

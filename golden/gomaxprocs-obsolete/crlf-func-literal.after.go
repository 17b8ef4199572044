// CRLF line endings, and the setting made in a func literal run at start-up.
package main

import "fmt"

func main() {
	setup := func() {
		fmt.Println("ready")
	}
	setup()
}

package main

import (
	"context"
	"log"
	"net"
	"time"
)

// main dials once and exits: log.Fatal ends the process, so a deferred cancel would never
// run; the finding says to call cancel, and gomend does not guess where.
func main() {
	ctx, _ := context.WithTimeout(context.Background(), 5*time.Second) // want "lost-cancel"
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", "localhost:8080")
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(conn.Close())
}

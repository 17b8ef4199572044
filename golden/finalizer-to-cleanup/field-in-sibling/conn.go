package pool

import "net"

// Conn is one pooled connection; its field is declared here, its finalizer elsewhere.
type Conn struct {
	raw net.Conn
}

package pool

import "net"

// Pool keeps the connections it dialled.
type Pool struct {
	conns []net.Conn
}

// Dial connects to every address and keeps the connections in the pool.
func (p *Pool) Dial(addrs []string) error {
	conns := make([]net.Conn, 0, len(addrs))
	for _, addr := range addrs {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		conns = append(conns, c)
	}
	p.conns = append(p.conns, conns...)
	return nil
}

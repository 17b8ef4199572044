package registry

type Session struct {
	user string
}

type Registry struct {
	last *Session
}

// Track remembers the last session that was dropped.
func (r *Registry) Track(s *Session) {
}

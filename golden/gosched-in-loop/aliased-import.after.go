package checksum

import rt "runtime"

type Summer struct{ total uint64 }

func (s *Summer) Add(data []byte) {
	for _, b := range data {
		s.total += uint64(b)
	}
}

// Workers still uses the package, so its import stays.
func Workers() int { return rt.NumCPU() }

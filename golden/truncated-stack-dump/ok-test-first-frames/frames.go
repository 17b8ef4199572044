package frames

// Negate panics on a nil point, from an inlined method.
func Negate(p *Point) { p.negate() }

type Point struct{ X, Y int }

func (p *Point) negate() { p.X, p.Y = -p.X, -p.Y }

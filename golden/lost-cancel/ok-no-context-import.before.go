package fetch

type ctxlib struct{}

func (ctxlib) WithCancel(x int) (int, int) { return x, 0 }

var context ctxlib

func Run() int {
	v, _ := context.WithCancel(1)
	return v
}

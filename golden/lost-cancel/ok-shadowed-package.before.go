package fetch

import "context"

type fakeContext struct{}

func (fakeContext) WithCancel(parent context.Context) (context.Context, func()) {
	return parent, func() {}
}

// The parameter named context is not the package.
func Run(parent context.Context, context fakeContext) {
	ctx, _ := context.WithCancel(parent)
	_ = ctx
}

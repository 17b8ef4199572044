// The builder's temporary folder is removed only by a finalizer: a program that exits, or
// simply does not collect, leaves it on disk. The type offers no Close to remove it.
package build

import (
	"os"
	"runtime"
)

type Builder struct{ tempDir string }

// NewBuilder prepares a scratch folder for one build.
func NewBuilder() (*Builder, error) {
	dir, err := os.MkdirTemp("", "build-")
	if err != nil {
		return nil, err
	}
	b := &Builder{tempDir: dir}
	runtime.SetFinalizer(b, func(b *Builder) { // want "finalizer-for-cleanup"
		os.RemoveAll(b.tempDir)
	})
	return b, nil
}

// Package runtime stands for the standard runtime package: the golden case checks that its
// own tests of Stack are left alone.
package runtime

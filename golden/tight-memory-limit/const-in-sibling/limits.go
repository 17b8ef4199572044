// The limit is a constant of the package, declared in a file of its own.
package cache

// limit caps the heap of the cache's process.
const limit = 64 << 20

// The thread limit is a constant of another file, at the threshold: left alone.
package daemon

// maxThreads leaves room for the blocking system calls of the daemon's workers.
const maxThreads = 1000

// The thread limit is a constant of another file, below the threshold: the call goes.
package daemon

// maxThreads was meant to keep the daemon small.
const maxThreads = 64

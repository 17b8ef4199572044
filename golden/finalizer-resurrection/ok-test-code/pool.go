package pool

// Object is what the pool hands out.
type Object struct{ ID int }

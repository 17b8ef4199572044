// Stores that stay inside the finalizer, or into the object's own memory, resurrect nothing.
package local

import (
	"fmt"
	"runtime"
)

type Node struct {
	self *Node
	peer *Node
}

var pool []*Node

// Watch sets a finalizer that shuffles the object around locally.
func Watch(n *Node) {
	runtime.SetFinalizer(n, func(n *Node) {
		n.self = n
		list := []*Node{n}
		seen := map[*Node]bool{}
		seen[n] = true
		ch := make(chan *Node, 1)
		ch <- n
		for _, n := range pool {
			n.peer = nil
		}
		_ = n
		fmt.Println(len(list), len(seen), len(ch))
	})
}

"""The Go layer: parsing, source text and token shapes, queries and scope, import-resolved
calls, constants, imports and their edits, deletions and other edits, comment alignment, one
file and its package, the Go facts codemods ask, and the Go toolchain.

It knows Go and tree-sitter, and nothing of codemods, runs or the command line."""

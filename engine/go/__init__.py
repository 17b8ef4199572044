"""The Go layer: parsing, source text, queries, imports, edits and comment alignment.

It knows Go and tree-sitter, and nothing of codemods, runs or the command line."""

"""gomend lsp: a language server on the engine (``server.py``)."""

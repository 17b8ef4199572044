"""gomend's codemods: one module per codemod, each exporting a ``CODEMOD`` record.

The module name is the codemod id with ``-`` spelled ``_`` (``lost_cancel`` is
``lost-cancel``); ``gomend.engine.registry`` finds them all. What several codemods ask of Go
is the engine's (``gomend.engine.go.facts`` and its neighbours), never a codemod's.
"""

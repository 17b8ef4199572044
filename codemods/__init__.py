"""gomend's codemods: one module per codemod, each exporting a ``CODEMOD`` record.

The module name is the codemod id with ``-`` spelled ``_`` (``lost_cancel`` is
``lost-cancel``); ``gomend.engine.registry`` finds them all. Shared matching helpers live in
``gomend.codemods._common``.
"""

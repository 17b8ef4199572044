"""gomend's engine: parsing, queries, edits, imports, the runner and the command line.

Codemods live in the sibling package ``codemods``; the engine finds them through
``gomend.engine.registry`` and does everything else.
"""

__version__ = "0.1.0"

"""gomend's engine, in layers (ARCHITECTURE.md): Go itself (``go``), the codemod record,
the registry and configuration, runs (``run``), git (``git``) and the command line (``cli``).

Codemods live in the sibling package ``gomend.codemods``; the engine finds them through
``gomend.engine.registry`` and does everything else.
"""

__version__ = "0.1.0"

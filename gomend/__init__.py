"""gomend: find and fix misuses of Go's runtime APIs.

The one import package gomend installs. Its two subpackages keep the repository's top-level
folders: ``gomend.engine`` is ``engine/`` and ``gomend.codemods`` is ``codemods/``. An install
maps them with ``package-dir`` (``pyproject.toml``); in a source checkout, ``gomend/engine``
and ``gomend/codemods`` are symbolic links to them, so the checkout runs and type-checks as
it is (the tests, a git worktree, ``python -m gomend``).
"""

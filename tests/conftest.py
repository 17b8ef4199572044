from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden .after.go files from gomend's current output (review the diff!)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (thousands of mutants, big trees) are opt-in: they run with
    ``-m slow`` or with ``GOMEND_SLOW=1`` in the environment, and are skipped otherwise."""
    import os

    if os.environ.get("GOMEND_SLOW") == "1" or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow or GOMEND_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """gomend's result cache (engine/run/cache.py) goes to a folder of the test session, never to
    the user's cache folder or into a repository a test makes (commands run by tests, in
    this process or as child processes, inherit the variable)."""
    import os

    os.environ["GOMEND_CACHE_DIR"] = str(tmp_path_factory.mktemp("gomend-cache"))

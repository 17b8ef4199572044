"""A repository's log of git commands: what it keeps, and the secrets it never keeps."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from gomend.engine.git.gitlog import LoggedGit, repository_log


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://ghp_SECRETTOKEN@127.0.0.1:9/o/r.git", "https://*****@127.0.0.1:9/o/r.git"),
        ("https://bot:SECRETTOKEN@127.0.0.1:9/o/r.git", "https://bot:*****@127.0.0.1:9/o/r.git"),
    ],
)
def test_a_token_or_password_in_a_url_never_reaches_the_log(
    tmp_path: Path, url: str, shown: str
) -> None:
    log = tmp_path / "logs" / "r.log"
    with (
        repository_log(str(log), f"migrate {url}"),
        pytest.raises(git.GitCommandError),  # nothing listens on port 9
    ):
        LoggedGit().ls_remote(url)
    text = log.read_text()
    assert "SECRETTOKEN" not in text
    assert text.startswith(f"# gomend: migrate {shown} (")
    assert f"ls-remote {shown}\nexit 128 in " in text

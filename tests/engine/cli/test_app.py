"""The command line as users run it: exit codes, formats, bad input, walking rules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXABLE = (
    'package fetch\n\nimport (\n\t"context"\n\t"time"\n)\n\n'
    "func call(ctx context.Context) error { return ctx.Err() }\n\n"
    "func Run(parent context.Context) error {\n"
    "\tctx, _ := context.WithTimeout(parent, time.Second)\n"
    "\treturn call(ctx)\n}\n"
)


def gomend(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gomend", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_list_shows_lost_cancel() -> None:
    done = gomend("list")
    assert done.returncode == 0
    assert any(line.split()[:2] == ["lost-cancel", "safe"] for line in done.stdout.splitlines())


def test_explain_prints_the_five_sections() -> None:
    done = gomend("explain", "lost-cancel")
    assert done.returncode == 0
    for section in (
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Fix safety",
    ):
        assert section in done.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("explain", "no-such-rule"), "unknown codemod id: no-such-rule"),
        (("scan", "--select", "no-such-rule", "."), "unknown codemod id: no-such-rule"),
        (("scan", "does/not/exist"), "path does not exist: does/not/exist"),
        (("scan", "--bogus"), "--bogus"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    done = gomend(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], done.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "examples" / "fetch").mkdir()
    (tmp_path / "examples" / "fetch" / "fetch.go").write_text(FIXABLE)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    return tmp_path


def test_diff_of_examples_is_accepted_by_git_apply(project: Path) -> None:
    done = gomend("diff", "examples/", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "+++ b/examples/fetch/fetch.go" in done.stdout
    (project / "fixes.patch").write_text(done.stdout)
    check = subprocess.run(
        ["git", "apply", "--check", "fixes.patch"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert "files scanned" in done.stderr


def test_scan_json_has_the_contract_keys(project: Path) -> None:
    done = gomend("scan", "--format", "json", "examples", cwd=project)
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert {"version", "findings", "files"} <= set(doc)
    finding = next(f for f in doc["findings"] if f["path"] == "examples/fetch/fetch.go")
    for key in (
        "rule",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "safety",
        "fixed",
    ):
        assert key in finding
    assert finding["rule"] == "lost-cancel"
    assert (finding["line"], finding["column"]) == (11, 12)
    assert finding["safety"] == "safe"
    assert finding["fixed"] is False


def test_fix_writes_then_a_second_run_changes_nothing(project: Path) -> None:
    target = project / "examples" / "fetch" / "fetch.go"
    first = gomend("fix", "--select", "lost-cancel", "examples/fetch", cwd=project)
    assert first.returncode == 0, first.stderr
    assert "defer cancel()" in target.read_text()
    again = gomend("diff", "examples/fetch", cwd=project)
    assert again.returncode == 0 and again.stdout == ""


def test_scan_exit_0_without_findings(tmp_path: Path) -> None:
    (tmp_path / "ok.go").write_text("package p\n\nfunc f() {}\n")
    assert gomend("scan", str(tmp_path)).returncode == 0


def test_text_go_cannot_read_is_a_syntax_error_and_the_run_goes_on(tmp_path: Path) -> None:
    # Go's scanner rejects bytes that are not UTF-8 and NUL bytes: syntax errors, at the byte
    (tmp_path / "latin1.go").write_bytes(b"package p\n\n// caf\xe9\n")
    (tmp_path / "nul.go").write_bytes(b"package p\n\x00\n")
    (tmp_path / "good.go").write_text(FIXABLE)
    done = gomend("scan", str(tmp_path))
    assert done.returncode == 1
    assert "latin1.go:3:7: syntax-error invalid UTF-8 encoding" in done.stdout
    assert "nul.go:2:1: syntax-error illegal character NUL" in done.stdout
    assert "good.go:11:12: lost-cancel" in done.stdout
    assert "latin1.go: not rewritten: syntax error at 3:7: invalid UTF-8 encoding" in done.stderr


def test_newer_go_than_the_grammar_is_analysed_and_fixed(tmp_path: Path) -> None:
    broken = FIXABLE + "\nvar p = new(int(3))\n"  # Go 1.26 syntax the grammar rejects
    path = tmp_path / "new.go"
    path.write_text(broken)
    scan = gomend("scan", str(tmp_path))
    assert "new.go:11:12: lost-cancel" in scan.stdout
    assert "not rewritten" not in scan.stderr and "syntax-error" not in scan.stdout
    fixed = gomend("fix", str(tmp_path))
    assert fixed.returncode == 0, fixed.stderr
    assert "defer cancel()" in path.read_text()
    assert path.read_text().endswith("\nvar p = new(int(3))\n")


def test_walk_skips_vendor_testdata_hidden_generated_and_gitignored(tmp_path: Path) -> None:
    for rel in (
        "vendor/v.go",
        "testdata/t.go",
        ".hidden/h.go",
        "ignored/i.go",
        "kept/k.go",
        "gen.go",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(FIXABLE)
    gen = tmp_path / "gen.go"
    gen.write_text("// Code generated by hand. DO NOT EDIT.\n\n" + FIXABLE)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    done = gomend("scan", str(tmp_path))
    reported = {line.split(":")[0] for line in done.stdout.splitlines()}
    assert reported == {str(tmp_path / "kept" / "k.go")}
    assert "gen.go: skipped: generated file" in done.stderr
    with_generated = gomend("scan", "--include-generated", "--include-vendor", str(tmp_path))
    assert len(with_generated.stdout.splitlines()) == 4


def test_crlf_file_is_fixed_in_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.go"
    path.write_bytes(FIXABLE.replace("\n", "\r\n").encode())
    assert gomend("fix", str(tmp_path)).returncode == 0
    data = path.read_bytes()
    assert b"\tdefer cancel()\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_console_script_builds_only_the_command_it_runs() -> None:
    """Typer builds every option of every command it holds on each run; the console script
    hands it only the command asked for (help and unknown commands get the whole app)."""
    from gomend.engine.cli.app import _app_for, app

    single = _app_for(["scan", "--jobs", "2", "list"])
    assert [c.callback.__name__ for c in single.registered_commands if c.callback] == ["scan"]
    assert single.registered_callback is app.registered_callback  # --version still works
    assert _app_for(["--help"]) is app
    assert _app_for(["scna"]) is app
    assert _app_for([]) is app
    done = gomend("list")
    assert done.returncode == 0 and "lost-cancel" in done.stdout
    assert gomend("--version", "scan").stdout.startswith("gomend ")


def test_package_patterns_walk_as_the_go_command_does(tmp_path: Path) -> None:
    (tmp_path / "internal" / "fetch").mkdir(parents=True)
    (tmp_path / "internal" / "fetch" / "fetch.go").write_text(FIXABLE)
    (tmp_path / "empty").mkdir()
    args = ("scan", "--no-cache", "--no-progress", "--format", "json")
    dot = gomend(*args, ".", cwd=tmp_path)
    for pattern in ("./...", "...", "internal/...", "./internal/..."):
        done = gomend(*args, pattern, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert json.loads(done.stdout)["findings"] == json.loads(dot.stdout)["findings"]
    nothing = gomend(*args, "./empty/...", cwd=tmp_path)
    assert nothing.returncode == 2
    assert nothing.stderr.strip() == "gomend: error: pattern ./empty/... matched no Go files"


BROKEN = 'package p\n\nimport "runtime"\n\nfunc f() {\n\truntime.GC()\n\tx := \n}\n'


def test_a_file_that_does_not_parse_is_a_finding_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "broken.go").write_text(BROKEN)
    base = ("--no-cache", "--no-progress", "broken.go")
    text = gomend("scan", *base, cwd=tmp_path)
    assert text.returncode == 1
    # the position and the words are Go's own parser's (gofmt -e), not tree-sitter's
    assert "broken.go:8:1: syntax-error expected operand, found '}'" in text.stdout
    found = json.loads(gomend("scan", "--format", "json", *base, cwd=tmp_path).stdout)
    assert [(f["rule"], f["line"], f["column"]) for f in found["findings"]] == [
        ("syntax-error", 8, 1)
    ]
    github = gomend("scan", "--format", "github", *base, cwd=tmp_path).stdout
    assert github.startswith("::error file=broken.go,line=8,col=1")
    assert gomend("diff", *base, cwd=tmp_path).returncode == 1
    assert gomend("fix", *base, cwd=tmp_path).returncode == 1
    assert (tmp_path / "broken.go").read_text() == BROKEN


def test_newer_go_than_the_grammar_is_no_syntax_error(tmp_path: Path) -> None:
    # a grammar gap gomend does not lower (an array of inferred length converted, as the
    # type checker's tests hold): Go's own parser (gofmt -e) accepts it, so it is no syntax
    # error; the findings outside it are reported, and the file is said to be left alone
    # (a type error there, which is the compiler's to report, not the parser's)
    (tmp_path / "newer.go").write_text(FIXABLE + '\nvar b = [...]byte("foo")\n')
    done = gomend("scan", "--no-cache", "--no-progress", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(done.stdout)
    assert [f["rule"] for f in report["findings"]] == ["lost-cancel"]
    assert "Go accepts it" in report["files"]["newer.go"]["reason"]
    fixed = gomend("fix", "--no-cache", ".", cwd=tmp_path)
    assert (tmp_path / "newer.go").read_text() == FIXABLE + '\nvar b = [...]byte("foo")\n'
    assert "newer.go: not rewritten: Go accepts it" in fixed.stderr


def _run_patched(patch: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """gomend's console script in a child, after ``patch`` (Python) has run in it."""
    code = f"{patch}\nfrom gomend.engine.cli.app import run\nrun()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_an_internal_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_text(FIXABLE)
    patch = (
        "import gomend.engine.cli.session as s\n"
        "def broken(self, show_progress): raise RuntimeError('the walk broke')\n"
        "s.Run.results = broken"
    )
    done = _run_patched(patch, "scan", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "gomend: internal error: RuntimeError: the walk broke; rerun with --debug for the traceback"
    ]
    debug = _run_patched(patch, "scan", "--debug", "--no-cache", ".", cwd=tmp_path)
    assert "Traceback" in debug.stderr and "the walk broke" in debug.stderr


def test_a_broken_pipe_to_a_helper_is_an_internal_error_not_a_quiet_exit_1(
    tmp_path: Path,
) -> None:
    """Click takes any EPIPE for a closed standard output and exits 1 without a word, which
    reads as "there are findings"; one from gomend's own pipes is an internal error."""
    (tmp_path / "a.go").write_text(FIXABLE)
    patch = (
        "import gomend.engine.cli.session as s\n"
        "def broken(self, show_progress): raise BrokenPipeError(32, 'Broken pipe')\n"
        "s.Run.results = broken"
    )
    done = _run_patched(patch, "scan", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "gomend: internal error: InternalPipeError: a pipe to a helper process broke"
    )


def test_a_killed_worker_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"f{n}.go").write_text(FIXABLE.replace("package p", f"package p{n}"))
    patch = "import os, gomend.engine.run.runner as r\nr._work = lambda paths: os._exit(9)"
    done = _run_patched(patch, "scan", "--no-cache", "--jobs", "2", ".", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("gomend: internal error: WorkerDied")


def test_a_configuration_nested_5000_deep_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "gomend.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "a.go").write_text(FIXABLE)
    done = gomend("scan", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    assert "gomend.toml: not valid TOML" in done.stderr


def test_a_configuration_that_hides_everything_says_so(tmp_path: Path) -> None:
    (tmp_path / "gomend.toml").write_text('exclude = ["*"]\n')  # above the repository
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "a.go").write_text(FIXABLE)
    (repo / "b.go").write_text(FIXABLE.replace("package p", "package p // b"))
    done = gomend("scan", "--no-cache", ".", cwd=repo)
    assert done.returncode == 0
    assert (
        f"gomend: note: {tmp_path / 'gomend.toml'} (found above the repository root) excluded "
        "2 paths by its exclude patterns"
    ) in done.stderr
    shown = gomend("scan", "--show-config", "--unsafe-fixes", ".", cwd=repo)
    assert shown.returncode == 0
    lines = shown.stdout.splitlines()
    assert lines[0] == f"# configuration file: {tmp_path / 'gomend.toml'}"
    assert 'exclude = ["*"]  # ' + str(tmp_path / "gomend.toml") in lines
    assert "unsafe_fixes = true  # command line" in lines
    assert "include_generated = false  # default" in lines


def test_a_named_file_must_be_go_and_regular(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("package p\n")
    done = gomend("scan", "notes.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "gomend: error: not a Go file (no .go suffix): notes.txt"
    os.mkfifo(tmp_path / "pipe.go")
    done = gomend("scan", "pipe.go", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "gomend: error: not a regular file or a folder: pipe.go"


def test_output_fails_before_the_run_and_lands_when_stdout_closes(tmp_path: Path) -> None:
    for n in range(30):
        (tmp_path / f"f{n}.go").write_text(FIXABLE.replace("package p", f"package p{n}"))
    bad = gomend("scan", "--output", "missing/dir/r.json", "--format", "json", ".", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.startswith("gomend: error: cannot write --output missing/dir/r.json")
    assert bad.stdout == ""
    # the reader of stdout goes after one line: the report file is written all the same
    script = (
        f"{sys.executable} -m gomend scan --no-cache --format sarif --output r.sarif . | head -1"
    )
    subprocess.run(script, shell=True, cwd=tmp_path, check=False, capture_output=True, timeout=120)
    report = json.loads((tmp_path / "r.sarif").read_text())
    assert len(report["runs"][0]["results"]) == 30


def test_stdin_filename_reads_as_that_file_would(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.go").write_text(FIXABLE)
    (tmp_path / "gomend.toml").write_text('ignore = ["gc-in-hot-path"]\n')
    on_disk = gomend("scan", "--no-cache", "pkg/a.go", cwd=tmp_path)
    piped = gomend("scan", "--stdin-filename", "pkg/a.go", cwd=tmp_path, stdin=FIXABLE)
    assert piped.returncode == on_disk.returncode == 1
    assert piped.stdout == on_disk.stdout and "pkg/a.go:11:12: lost-cancel [*]" in piped.stdout
    # fix: the fixed source on stdout, the file on disk untouched, for a file not yet saved
    fixed = gomend("fix", "--stdin-filename", "pkg/unsaved.go", cwd=tmp_path, stdin=FIXABLE)
    assert fixed.returncode == 0, fixed.stderr
    assert "defer cancel()" in fixed.stdout and fixed.stdout.startswith("package fetch")
    assert "pkg/unsaved.go:11:12: lost-cancel" in fixed.stderr
    assert (pkg / "a.go").read_text() == FIXABLE and not (pkg / "unsaved.go").exists()
    clean = gomend("fix", "--stdin-filename", "pkg/b.go", cwd=tmp_path, stdin="package p\n")
    assert (clean.returncode, clean.stdout) == (0, "package p\n")  # unchanged text comes back
    both = gomend("scan", "--stdin-filename", "pkg/a.go", "pkg", cwd=tmp_path, stdin=FIXABLE)
    assert both.returncode == 2 and "not both" in both.stderr


def test_every_command_help_ends_with_examples_that_use_real_options() -> None:
    import typer.main

    from gomend.engine.cli.app import EXAMPLES, app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        examples = EXAMPLES[name]
        assert 1 <= len(examples) <= 3
        known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        for line in examples:
            words = next(part for part in line.split("|") if "gomend" in part).split()
            assert words[:2] == ["gomend", name], line
            for word in words[2:]:
                if word.startswith("-"):
                    assert word in known, f"{name}: {word} is not an option"
        shown = gomend(name, "--help").stdout
        assert "Examples:" in shown and examples[-1] in shown

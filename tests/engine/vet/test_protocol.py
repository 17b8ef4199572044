"""The go command's protocol, tool side: -flags, -V=full, flags as Go's flag package reads
them, the unit configuration, and the calls for a dependency's facts that must answer at
once without loading the engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gomend.engine.vet.protocol import FLAGS, UsageError, flags_json, parse_args, tool_id
from gomend.engine.vet.tool import main


def test_flags_are_json_as_the_go_command_reads_them() -> None:
    flags = json.loads(flags_json())
    assert {f["Name"] for f in flags} >= {"json", "fix", "diff", "unsafe-fixes", "select"}
    assert all(set(f) == {"Name", "Bool", "Usage"} and f["Usage"] for f in flags)
    assert len(flags) == len(FLAGS)


@pytest.mark.parametrize(
    ("argv", "flags"),
    [
        (["-json", "u.cfg"], {"json": True}),
        (["-fix", "-diff", "u.cfg"], {"fix": True, "diff": True}),
        (["--unsafe-fixes=false", "u.cfg"], {"unsafe-fixes": False}),
        (
            ["-select", "lost-cancel,gc-in-hot-path", "u.cfg"],
            {"select": "lost-cancel,gc-in-hot-path"},
        ),
        (["-ignore=lost-cancel", "--", "u.cfg"], {"ignore": "lost-cancel"}),
    ],
)
def test_flags_are_read_as_gos_flag_package_reads_them(
    argv: list[str], flags: dict[str, object]
) -> None:
    args = parse_args(argv)
    assert (args.unit, args.flags) == ("u.cfg", flags)


def test_ids_are_split_on_commas() -> None:
    assert parse_args(["-select= a, b ,", "u.cfg"]).ids("select") == ["a", "b"]
    assert parse_args(["u.cfg"]).ids("select") is None


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["-nope", "u.cfg"], "flag provided but not defined: -nope"),
        (["-json=maybe", "u.cfg"], "invalid boolean value 'maybe' for -json"),
        (["-diff", "u.cfg"], "-diff needs -fix"),
        (["-select"], "flag needs an argument: -select"),
        (["a.cfg", "b.cfg"], "expected one unit configuration"),
        (["main.go"], "expected one unit configuration"),
    ],
)
def test_bad_command_lines_are_refused(argv: list[str], problem: str) -> None:
    with pytest.raises(UsageError, match=problem):
        parse_args(argv)


def test_tool_id_changes_with_a_configuration_and_only_then(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    first = tool_id("gomend-vet", str(tmp_path))
    assert first.startswith("gomend-vet version gomend-")
    assert "devel" not in first  # the go command keys its cache on the whole line
    assert tool_id("gomend-vet", str(tmp_path)) == first
    (tmp_path / "sub" / "gomend.toml").write_text('ignore = ["lost-cancel"]\n')
    second = tool_id("gomend-vet", str(tmp_path))
    assert second != first
    (tmp_path / "sub" / "gomend.toml").write_text('ignore = ["gc-in-hot-path"]\n')
    assert tool_id("gomend-vet", str(tmp_path)) not in (first, second)


def unit(tmp_path: Path, **fields: object) -> Path:
    (tmp_path / "main.go").write_text("package main\n\nfunc main() {}\n")
    config = {
        "ID": "example.com/m",
        "Dir": str(tmp_path),
        "ImportPath": "example.com/m",
        "GoFiles": [str(tmp_path / "main.go")],
        "VetxOutput": str(tmp_path / "vet.out"),
        "Stdout": str(tmp_path / "vet.stdout"),
        **fields,
    }
    path = tmp_path / "vet.cfg"
    path.write_text(json.dumps(config))
    return path


def test_a_call_for_facts_writes_the_empty_facts_file_without_loading_the_engine(
    tmp_path: Path,
) -> None:
    cfg = unit(tmp_path, VetxOnly=True)
    code = (
        "import sys; from gomend.engine.vet.tool import main; "
        f"code = main(['-json', {str(cfg)!r}]); "
        "print(code, sorted(m for m in sys.modules if m.startswith('gomend.engine.run')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "0 []", done.stderr
    assert (tmp_path / "vet.out").read_bytes() == b""
    assert not (tmp_path / "vet.stdout").exists()


def test_a_package_call_without_findings_writes_empty_json(tmp_path: Path) -> None:
    assert main(["-json", str(unit(tmp_path))]) == 0
    assert json.loads((tmp_path / "vet.stdout").read_text()) == {}
    assert (tmp_path / "vet.out").exists()


def test_a_unit_file_that_is_not_one_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.cfg").write_text("{}")
    assert main([str(tmp_path / "x.cfg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a go vet unit configuration" in err


def test_help_teaches_the_go_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-help"]) == 0
    out = capsys.readouterr().out
    assert "go vet -vettool=$(command -v gomend-vet) ./..." in out
    assert "go fix -fixtool=$(command -v gomend-fix) -diff ./..." in out
    assert main([]) == 2


def test_fix_by_hand_writes_the_files_in_place(tmp_path: Path) -> None:
    cfg = unit(tmp_path, Stdout="")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "runtime/debug"\n\nfunc main() {\n\tdebug.SetMaxThreads(5)\n}\n'
    )
    assert main(["-fix", str(cfg)]) == 0
    assert (tmp_path / "main.go").read_text() == "package main\n\nfunc main() {\n}\n"


def test_a_call_whose_warnings_a_cached_run_would_lose_is_not_cached(tmp_path: Path) -> None:
    """The facts file is what the go command caches a call by: not written when a file
    could not be analysed (its line on standard error must show again next time)."""
    deep = 'package main\n\nimport "runtime"\n\nfunc f() { runtime.GC() }\n\nvar x = '
    deep += "(" * 700 + "1" + ")" * 700 + "\n"  # deeper than gomend analyses: skipped
    (tmp_path / "deep.go").write_text(deep)
    cfg = unit(tmp_path, GoFiles=[str(tmp_path / "main.go"), str(tmp_path / "deep.go")])
    assert main(["-json", str(cfg)]) == 0
    assert not (tmp_path / "vet.out").exists()
    assert main(["-json", str(unit(tmp_path))]) == 0  # the same package without it: cached
    assert (tmp_path / "vet.out").exists()


def test_a_relative_config_flag_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="absolute path"):
        parse_args(["-config=gomend.toml", "u.cfg"])
    assert parse_args(["-config=/etc/gomend.toml", "u.cfg"]).flags["config"] == "/etc/gomend.toml"

"""Configuration: finding the file, checking keys and values, and the command line on top."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gomend.engine.cli import session as cli_session
from gomend.engine.cli.app import app
from gomend.engine.codemod import Codemod, Safety, Setting
from gomend.engine.config import (
    Config,
    ConfigError,
    check_setting,
    find_config,
    load_config,
    parse_bytes,
    resolve_config,
)
from gomend.engine.registry import all_codemods
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult

DOC = "Fake\n\n## What it does\n\n## Why is this bad?\n\n## Example\n\n## Use instead\n\n## Fix safety\n"
FAKE = Codemod(
    id="fake-mod",
    title="A fake codemod with one setting of each kind",
    doc=DOC,
    safety=Safety.SAFE,
    query="(identifier) @id",
    rewrite=lambda m: None,
    imports=("fmt",),
    settings=(
        Setting("limit", "int", 10, "an int"),
        Setting("size", "bytes", 256 << 20, "a byte count"),
        Setting("strict", "bool", False, "a flag"),
        Setting("name", "str", "x", "a string"),
    ),
)
LOST = "lost-cancel"
FIXABLE = (
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tctx, _ := context.WithCancel(parent)\n\t_ = ctx\n}\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


@contextlib.contextmanager
def chdir(path: Path) -> Iterator[None]:
    with contextlib.chdir(path):
        yield


def gomend(cwd: Path, *args: str) -> Any:
    with chdir(cwd):
        return CliRunner().invoke(app, list(args))


# --- finding the file -------------------------------------------------------------------------


def test_found_walking_up_from_the_first_path(tmp_path: Path) -> None:
    cfg = write(tmp_path / "gomend.toml", "select = []\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "x.go").write_text("package b\n")
    assert find_config(str(deep)) == str(cfg)
    assert find_config(str(deep / "x.go")) == str(cfg)


def test_pyproject_without_gomend_table_is_passed_over(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", "[tool.gomend]\nunsafe-fixes = true\n")
    write(tmp_path / "inner" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(str(tmp_path / "inner")) == str(outer)


def test_unrelated_broken_pyproject_is_not_parsed(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "this is [ not toml\n")
    config = resolve_config([str(tmp_path)], None, [FAKE])
    assert config == Config()


def test_gomend_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.gomend]\nunsafe-fixes = true\n")
    ours = write(tmp_path / "gomend.toml", "unsafe-fixes = false\n")
    assert find_config(str(tmp_path)) == str(ours)


def test_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "gomend.toml", "unsafe-fixes = true\n")
    near = write(tmp_path / "sub" / "pyproject.toml", "[tool.gomend]\nunsafe-fixes = false\n")
    assert find_config(str(tmp_path / "sub")) == str(near)
    assert resolve_config([str(tmp_path / "sub")], None, [FAKE]).unsafe_fixes is False


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / "gomend.toml", "unsafe-fixes = false\n")
    other = write(tmp_path / "ci" / "strict.toml", "unsafe-fixes = true\n")
    assert resolve_config([str(tmp_path)], str(other), [FAKE]).unsafe_fixes is True


# --- reading and checking --------------------------------------------------------------------


def test_every_key_is_read(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "pyproject.toml",
        """
        [tool.gomend]
        select = ["fake-mod"]
        ignore = []
        unsafe-fixes = true
        include-generated = true
        exclude = ["gen/", "*_mock.go"]

        [tool.gomend.fake-mod]
        limit = 1000
        size = "1GiB"
        strict = true
        name = "y"
        """,
    )
    config = load_config(str(cfg), [FAKE])
    assert config.select == ("fake-mod",)
    assert config.ignore == ()
    assert config.unsafe_fixes is True
    assert config.include_generated is True
    assert config.exclude == ("gen/", "*_mock.go")
    assert config.settings == {
        "fake-mod": {"limit": 1000, "size": 1 << 30, "strict": True, "name": "y"}
    }
    assert config.folder == str(tmp_path)


def test_gomend_toml_keys_are_top_level(tmp_path: Path) -> None:
    cfg = write(tmp_path / "gomend.toml", 'ignore = ["fake-mod"]\n[fake-mod]\nlimit = 3\n')
    config = load_config(str(cfg), [FAKE])
    assert config.ignore == ("fake-mod",)
    assert config.settings == {"fake-mod": {"limit": 3}}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (4096, 4096),
        ("4096", 4096),
        ("512B", 512),
        ("64KiB", 64 << 10),
        ("256MiB", 256 << 20),
        ("1GiB", 1 << 30),
        ("2TiB", 2 << 40),
    ],
)
def test_bytes_values(value: object, expected: int) -> None:
    assert parse_bytes(value) == expected


@pytest.mark.parametrize(
    "value", [-1, "512KB", "1.5GiB", "256 MiB", "256mib", "MiB", "", True, 1.5, [1]]
)
def test_bad_bytes_values(value: object) -> None:
    with pytest.raises(ValueError):
        parse_bytes(value)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("limit", "1000", "an integer"),
        ("limit", True, "an integer"),
        ("limit", 1.5, "an integer"),
        ("size", "512MB", "MiB"),
        ("size", -5, "non-negative"),
        ("strict", "yes", "true or false"),
        ("strict", 1, "true or false"),
        ("name", 3, "a string"),
    ],
)
def test_bad_setting_values(name: str, value: object, expected: str) -> None:
    setting = next(s for s in FAKE.settings if s.name == name)
    with pytest.raises(ValueError, match=expected):
        check_setting(setting, value)


def test_registry_defaults_pass_their_own_check() -> None:
    for codemod in all_codemods():
        for setting in codemod.settings:
            check_setting(setting, setting.default)


# --- error paths: exit 2, one line naming the file and the key ----------------------------


CONFIG_ERRORS = [
    ("selct = []", "gomend.toml: selct: unknown key"),
    ('select = ["no-such-codemod"]', "gomend.toml: select: unknown codemod id 'no-such-codemod'"),
    ('select = "lost-cancel"', "gomend.toml: select: expected a list of codemod ids"),
    ("ignore = [1]", "gomend.toml: ignore: expected a list of codemod ids"),
    ('ignore = ["lost-cancle"]', "gomend.toml: ignore: unknown codemod id 'lost-cancle'"),
    ('unsafe-fixes = "yes"', "gomend.toml: unsafe-fixes: expected true or false"),
    ("include-generated = 1", "gomend.toml: include-generated: expected true or false"),
    ('exclude = "vendor/"', "gomend.toml: exclude: expected a list of glob patterns"),
    ("[no-such-codemod]\nthreshold = 1", "gomend.toml: no-such-codemod: unknown codemod id"),
    (f"{LOST} = 3", f"gomend.toml: {LOST}: expected a table of settings"),
    (f"[{LOST}]\nthreshold = 1", f"gomend.toml: {LOST}.threshold: unknown setting"),
    ("[tool.gomend]\nselect = []", "gomend.toml: tool: unknown key"),
    ("select = [", "gomend.toml: not valid TOML"),
]


@pytest.mark.parametrize(("body", "needle"), CONFIG_ERRORS)
def test_config_errors_exit_2_naming_the_key(tmp_path: Path, body: str, needle: str) -> None:
    write(tmp_path / "gomend.toml", body + "\n")
    (tmp_path / "a.go").write_text(FIXABLE)
    result = gomend(tmp_path, "scan", ".")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gomend: error: ") and needle in lines[0], lines[0]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("[tool.gomend]\nselct = []", "pyproject.toml: tool.gomend.selct: unknown key"),
        ("[tool]\ngomend = 3", "pyproject.toml: tool.gomend: expected a table"),
        (
            f"[tool.gomend.{LOST}]\nlimit = 1",
            f"pyproject.toml: tool.gomend.{LOST}.limit: unknown setting",
        ),
    ],
)
def test_pyproject_errors_name_the_dotted_key(tmp_path: Path, body: str, needle: str) -> None:
    write(tmp_path / "pyproject.toml", body + "\n")
    result = gomend(tmp_path, "diff", ".")
    assert result.exit_code == 2
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_config_file_exits_2(tmp_path: Path) -> None:
    result = gomend(tmp_path, "fix", "--config", "nope.toml", ".")
    assert result.exit_code == 2
    assert "nope.toml: configuration file not found" in result.stderr


def test_fake_codemod_bad_values_name_file_and_key(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[tool.gomend.fake-mod]\nsize = "512MB"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(str(cfg), [FAKE])
    message = str(caught.value)
    assert message.startswith(str(cfg).replace("\\", "/")) or "pyproject.toml" in message
    assert (
        'tool.gomend.fake-mod.size: expected a non-negative integer or a string such as "256MiB"'
        in message
    )
    assert 'got "512MB"' in message


def _bad_value(kind: str) -> object:
    return {"int": "many", "bytes": "lots", "bool": "maybe", "str": 7}[kind]


REGISTRY_SETTINGS = [(c.id, s) for c in all_codemods() for s in c.settings]


@pytest.mark.parametrize(
    ("codemod_id", "setting"),
    REGISTRY_SETTINGS,
    ids=[f"{c}.{s.name}" for c, s in REGISTRY_SETTINGS],
)
def test_registry_settings_bad_value_exits_2(
    tmp_path: Path, codemod_id: str, setting: Setting
) -> None:
    bad = _bad_value(setting.kind)
    shown = f'"{bad}"' if isinstance(bad, str) else str(bad)
    write(tmp_path / "gomend.toml", f"[{codemod_id}]\n{setting.name} = {shown}\n")
    result = gomend(tmp_path, "scan", ".")
    assert result.exit_code == 2
    assert f"gomend.toml: {codemod_id}.{setting.name}: expected " in result.stderr


# --- the command line on top of the file --------------------------------------------------


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[RunOptions]:
    """The RunOptions the command line builds, one per configuration it meets (the run
    itself is skipped)."""
    seen: list[RunOptions] = []
    options_for = cli_session.Run.options_for

    def recording(run: cli_session.Run, config: Any) -> RunOptions:
        options = options_for(run, config)
        if not any(options is s for s in seen):
            seen.append(options)
        return options

    def fake_run_paths(
        paths: Any, options: RunOptions, jobs: int = 1, **_: Any
    ) -> Iterator[FileResult]:
        return iter(())

    monkeypatch.setattr(cli_session.Run, "options_for", recording)
    monkeypatch.setattr(cli_session, "run_paths", fake_run_paths)
    return seen


def test_file_values_reach_the_run(tmp_path: Path, captured: list[RunOptions]) -> None:
    write(
        tmp_path / "gomend.toml",
        f'ignore = ["{LOST}"]\nunsafe-fixes = true\ninclude-generated = true\n',
    )
    assert gomend(tmp_path, "scan", ".").exit_code == 0
    (options,) = captured
    assert LOST not in options.codemod_ids
    assert options.unsafe_fixes and options.include_generated


def test_command_line_overrides_the_file(tmp_path: Path, captured: list[RunOptions]) -> None:
    write(
        tmp_path / "gomend.toml",
        f'ignore = ["{LOST}"]\nunsafe-fixes = true\ninclude-generated = true\n',
    )
    result = gomend(
        tmp_path, "scan", "--select", LOST, "--no-unsafe-fixes", "--no-include-generated", "."
    )
    assert result.exit_code == 0, result.output
    (options,) = captured
    assert options.codemod_ids == (LOST,)  # --select starts afresh: the file's ignore is gone
    assert not options.unsafe_fixes and not options.include_generated


def test_ignore_on_the_command_line_replaces_the_files(
    tmp_path: Path, captured: list[RunOptions]
) -> None:
    others = [c.id for c in all_codemods() if c.id != LOST]
    write(tmp_path / "gomend.toml", f'select = ["{LOST}"]\nignore = ["{LOST}"]\n')
    assert gomend(tmp_path, "scan", ".").exit_code == 0
    assert captured[0].codemod_ids == ()
    ignore = ",".join(others) if others else LOST
    assert gomend(tmp_path, "scan", "--ignore", ignore, ".").exit_code == 0
    assert captured[1].codemod_ids == ((LOST,) if others else ())


def test_command_line_flags_turn_on_what_the_file_turns_off(
    tmp_path: Path, captured: list[RunOptions]
) -> None:
    write(tmp_path / "gomend.toml", "unsafe-fixes = false\ninclude-generated = false\n")
    assert gomend(tmp_path, "diff", "--unsafe-fixes", "--include-generated", ".").exit_code == 0
    assert captured[0].unsafe_fixes and captured[0].include_generated


def test_registry_settings_reach_the_run(tmp_path: Path, captured: list[RunOptions]) -> None:
    lines: list[str] = []
    expected: dict[str, dict[str, Any]] = {}
    for codemod_id, setting in REGISTRY_SETTINGS:
        value = setting.default
        lines.append(f"[tool.gomend.{codemod_id}]\n{setting.name} = {_toml(value)}")
        expected.setdefault(codemod_id, {})[setting.name] = check_setting(setting, value)
    write(tmp_path / "pyproject.toml", "[tool.gomend]\n" + "\n".join(lines) + "\n")
    assert gomend(tmp_path, "fix", ".").exit_code == 0
    assert captured[0].settings == expected


def test_bytes_setting_reaches_a_codemod_as_an_int(tmp_path: Path) -> None:
    cfg = write(tmp_path / "gomend.toml", '[fake-mod]\nsize = "2MiB"\n')
    settings = load_config(str(cfg), [FAKE]).settings
    assert settings == {"fake-mod": {"size": 2 << 20}}


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def test_exclude_patterns_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    write(tmp_path / "gomend.toml", 'exclude = ["svc/gen/", "*_mock.go"]\n')
    for rel in ("svc/gen/a.go", "svc/b_mock.go", "svc/c.go", "gen/d.go"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FIXABLE)
    result = gomend(tmp_path / "svc", "scan", "--no-progress", ".")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["c.go"]
    # from the root, gen/ alone is not excluded (the pattern is anchored at svc/)
    result = gomend(tmp_path, "scan", ".")
    assert sorted(line.split(":")[0] for line in result.stdout.splitlines()) == [
        "gen/d.go",
        "svc/c.go",
    ]
    # a file given by name is excluded too (pre-commit passes files by name)
    assert gomend(tmp_path, "scan", "svc/b_mock.go").stdout == ""


def test_explain_shows_every_registry_setting() -> None:
    for codemod in all_codemods():
        if not codemod.settings:
            continue
        result = CliRunner().invoke(app, ["explain", codemod.id])
        assert result.exit_code == 0
        for setting in codemod.settings:
            assert f"- {setting.name} ({setting.kind}, default " in result.stdout


# --- a configuration per file -------------------------------------------------------------------


def _findings(result: Any) -> list[str]:
    return sorted(line.split(":")[0] for line in result.stdout.splitlines() if ".go:" in line)


def test_each_file_gets_its_nearest_config_whatever_the_order_of_paths(tmp_path: Path) -> None:
    # the case: sub/gomend.toml used to apply to every file when sub/ came first
    write(tmp_path / "top" / "main.go", FIXABLE)
    write(tmp_path / "sub" / "main.go", FIXABLE)
    write(tmp_path / "sub" / "gomend.toml", f'ignore = ["{LOST}"]\n')
    forward = gomend(tmp_path, "scan", "--no-cache", "top/main.go", "sub/main.go")
    backward = gomend(tmp_path, "scan", "--no-cache", "sub/main.go", "top/main.go")
    assert forward.exit_code == backward.exit_code == 1
    assert _findings(forward) == _findings(backward) == ["top/main.go"]


def test_a_nested_config_applies_below_its_folder_in_a_walk(tmp_path: Path) -> None:
    write(tmp_path / "gomend.toml", 'exclude = ["gen/"]\n')
    for rel in ("a.go", "gen/b.go", "legacy/c.go", "legacy/old/d.go", "legacy/skip/e.go", "z.go"):
        write(tmp_path / rel, FIXABLE)
    # legacy/ silences lost-cancel and excludes its own skip/ (relative to legacy/)
    write(tmp_path / "legacy" / "gomend.toml", f'ignore = ["{LOST}"]\nexclude = ["skip/"]\n')
    write(tmp_path / "legacy" / "skip" / "gomend.toml", "unsafe-fixes = true\n")
    result = gomend(tmp_path, "scan", "--no-progress", ".")
    assert _findings(result) == ["a.go", "z.go"]
    # the nearest file is the whole configuration: legacy/'s ignore does not reach skip/,
    # whose own file says nothing of it, when skip/ is walked by itself
    result = gomend(tmp_path / "legacy", "scan", "--no-progress", "skip")
    assert _findings(result) == ["skip/e.go"]


def test_results_stay_in_path_order_across_configs(tmp_path: Path) -> None:
    for rel in ("a.go", "m/b.go", "z.go"):
        write(tmp_path / rel, FIXABLE)
    write(tmp_path / "m" / "gomend.toml", "unsafe-fixes = true\n")
    result = gomend(tmp_path, "diff", "--no-cache", "--no-progress", ".")
    headers = [line for line in result.stdout.splitlines() if line.startswith("+++ ")]
    assert headers == ["+++ b/a.go", "+++ b/m/b.go", "+++ b/z.go"]


def test_explicit_config_applies_to_every_file(tmp_path: Path) -> None:
    write(tmp_path / "top" / "main.go", FIXABLE)
    write(tmp_path / "sub" / "main.go", FIXABLE)
    write(tmp_path / "sub" / "gomend.toml", f'ignore = ["{LOST}"]\n')
    chosen = write(tmp_path / "all.toml", "unsafe-fixes = false\n")
    result = gomend(tmp_path, "scan", "--no-cache", "--config", str(chosen), "sub", "top")
    assert _findings(result) == ["sub/main.go", "top/main.go"]


def test_show_config_names_the_file_that_applies_to_the_path(tmp_path: Path) -> None:
    write(tmp_path / "gomend.toml", "unsafe-fixes = true\n")
    write(tmp_path / "sub" / "gomend.toml", f'ignore = ["{LOST}"]\n')
    write(tmp_path / "sub" / "main.go", FIXABLE)
    write(tmp_path / "main.go", FIXABLE)
    lines = gomend(tmp_path, "scan", "--show-config", "sub/main.go").stdout.splitlines()
    assert lines[0] == "# configuration file: sub/gomend.toml"
    assert "unsafe_fixes = false  # default" in lines
    assert any(line.startswith("select = ") and "# sub/gomend.toml" in line for line in lines)
    lines = gomend(tmp_path, "scan", "--show-config", "main.go").stdout.splitlines()
    assert lines[0] == "# configuration file: gomend.toml"
    assert "unsafe_fixes = true  # gomend.toml" in lines

"""The codemod catalogue: docs/codemods.md is up to date, complete and well-formed Markdown."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from gomend.engine.catalogue import (
    CATALOGUE_PATH,
    COMMAND,
    anchor,
    default_text,
    demote_headings,
    main,
    render,
)
from gomend.engine.codemod import Setting
from gomend.engine.registry import DOC_SECTIONS, all_codemods

ROOT = Path(__file__).resolve().parents[2]


def test_checked_in_catalogue_is_current() -> None:
    assert CATALOGUE_PATH == ROOT / "docs" / "codemods.md"
    current = CATALOGUE_PATH.read_text(encoding="utf-8") if CATALOGUE_PATH.is_file() else ""
    assert current == render(), f"docs/codemods.md is stale: run {COMMAND}"


def test_render_is_deterministic() -> None:
    codemods = all_codemods()
    assert render() == render(reversed(codemods)) == render(codemods)


def _headings(text: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(text)
    return [
        (int(tok.tag[1]), tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def test_structure_has_one_title_and_no_skipped_levels() -> None:
    headings = _headings(render())
    levels = [level for level, _ in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))


def test_every_codemod_has_its_section_and_contents_link() -> None:
    text = render()
    headings = _headings(text)
    codemod_headings = [title for level, title in headings if level == 2][1:]
    ids = sorted(c.id for c in all_codemods())
    assert headings[1] == (2, "Contents")
    assert codemod_headings == ids
    for c in all_codemods():
        assert f"](#{anchor(c.id)})" in text
        assert c.title in text
        sections = text.split(f"\n## {c.id}\n", 1)[1].split("\n## ", 1)[0]
        for section in DOC_SECTIONS:
            assert f"\n#{section}\n" in sections, (c.id, section)
        for s in c.settings:
            assert f"| `{s.name}` | {s.kind} | {default_text(s)} | " in sections


def test_demote_headings_leaves_fenced_code_alone() -> None:
    text = "# A\ntext\n```sh\n# a comment\n```\n## B\n~~~\n## not a heading\n~~~"
    assert demote_headings(text, 3).split("\n") == [
        "### A",
        "",
        "text",
        "```sh",
        "# a comment",
        "```",
        "",
        "#### B",
        "",
        "~~~",
        "## not a heading",
        "~~~",
    ]
    assert demote_headings("no headings\n", 3) == "no headings\n"


def test_default_text() -> None:
    assert default_text(Setting("t", "bytes", 256 << 20, "")) == '`268435456` (`"256MiB"`)'
    assert default_text(Setting("t", "bytes", 1000, "")) == "`1000`"
    assert default_text(Setting("t", "int", 1000, "")) == "`1000`"
    assert default_text(Setting("t", "bool", False, "")) == "`false`"
    assert default_text(Setting("t", "str", "x", "")) == '`"x"`'


def test_command_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "docs" / "codemods.md"
    assert main(["--check", "--output", str(out)]) == 1
    assert COMMAND in capsys.readouterr().err
    assert main(["--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render()
    assert main(["--check", "--output", str(out)]) == 0
    out.write_text(render() + "edited\n", encoding="utf-8")
    assert main(["--check", "--output", str(out)]) == 1

"""The codemod catalogue: ``docs/codemods.md``, generated from the codemods' own records.

Every codemod gets a section with its id, title, fix safety, settings and its documentation
(the module docstring: what it does, why it is bad, an example, what to use instead, the
fix's safety), its headings demoted under the codemod's own. The text depends only on the
records, so the same codemods always give the same bytes.

    python -m gomend.engine.catalogue           # write docs/codemods.md
    python -m gomend.engine.catalogue --check   # exit 1 when docs/codemods.md is stale
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from gomend.engine.codemod import Codemod, Safety, Setting
from gomend.engine.config import BYTE_UNITS
from gomend.engine.registry import all_codemods

COMMAND = "python -m gomend.engine.catalogue"
CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "docs" / "codemods.md"

SAFETY_MEANING = {
    Safety.SAFE: "`safe`: `gomend fix` and `gomend branch` apply it",
    Safety.UNSAFE: "`unsafe`: applied only with `--unsafe-fixes`; review it",
    Safety.NONE: "`none`: reported only, never edited",
}

_HEADING = re.compile(r"^(#{1,6})(\s.*)?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

# The heading level of a codemod's section; its documentation's headings go below it.
CODEMOD_LEVEL = 2


def _outside_fences(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it lies outside fenced code (a fence line itself is inside)."""
    outside = []
    fence: str | None = None
    for line in lines:
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            outside.append(False)
        elif fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                if not line.strip().strip(fence[0]):
                    fence = None
            outside.append(False)
        else:
            outside.append(True)
    return outside


def demote_headings(text: str, top: int) -> str:
    """The Markdown ``text`` with its headings moved so that the highest becomes level
    ``top``, keeping their relative levels, each between blank lines; lines in fenced code
    are left as they are."""
    lines = text.split("\n")
    outside = _outside_fences(lines)
    levels = [
        len(m.group(1))
        for line, out in zip(lines, outside, strict=True)
        if out and (m := _HEADING.match(line))
    ]
    if not levels:
        return text
    shift = top - min(levels)
    result: list[str] = []
    for i, (line, out) in enumerate(zip(lines, outside, strict=True)):
        m = _HEADING.match(line) if out else None
        if not m:
            result.append(line)
            continue
        # a heading stands between blank lines, as Markdown linters want it
        if result and result[-1].strip():
            result.append("")
        result.append("#" * min(6, len(m.group(1)) + shift) + (m.group(2) or ""))
        if i + 1 < len(lines) and lines[i + 1].strip():
            result.append("")
    return "\n".join(result)


def split_doc(doc: str) -> tuple[str, str]:
    """A codemod's docstring as its summary (the first paragraph, on one line) and the rest."""
    summary, _, body = doc.strip().partition("\n\n")
    return " ".join(summary.split()), body.strip()


def anchor(heading: str) -> str:
    """The link target GitHub gives a heading of this text (the first one of that text)."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def default_text(setting: Setting) -> str:
    """A setting's default as it is written in the configuration."""
    value = setting.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if setting.kind == "bytes" and isinstance(value, int) and value > 0:
        for unit, size in sorted(
            ((u, s) for u, s in BYTE_UNITS.items() if u not in (None, "B")),
            key=lambda us: -us[1],
        ):
            if value % size == 0:
                return f'`{value}` (`"{value // size}{unit}"`)'
    return f"`{value!r}`"


def module_path(codemod: Codemod) -> str:
    return f"codemods/{codemod.id.replace('-', '_')}.py"


def _contents(codemods: Sequence[Codemod]) -> list[str]:
    lines = ["## Contents", "", "| codemod | fix safety | title |", "|---|---|---|"]
    for c in codemods:
        lines.append(f"| [`{c.id}`](#{anchor(c.id)}) | {c.safety.value} | {_cell(c.title)} |")
    return lines


def _settings(codemod: Codemod) -> list[str]:
    lines = [
        "#" * (CODEMOD_LEVEL + 1) + " Settings",
        "",
        f"In `[tool.gomend.{codemod.id}]` of `pyproject.toml`, or `[{codemod.id}]` of "
        "`gomend.toml`.",
        "",
        "| setting | kind | default | help |",
        "|---|---|---|---|",
    ]
    for s in codemod.settings:
        lines.append(f"| `{s.name}` | {s.kind} | {default_text(s)} | {_cell(s.help)} |")
    return lines


def _section(codemod: Codemod) -> list[str]:
    summary, body = split_doc(codemod.doc)
    path = module_path(codemod)
    lines = [
        "#" * CODEMOD_LEVEL + f" {codemod.id}",
        "",
        f"**{codemod.title}**",
        "",
        summary + ("" if summary.endswith((".", "!", "?")) else "."),
        "",
        f"- Fix safety: {SAFETY_MEANING[codemod.safety]}",
        "- Settings: "
        + (", ".join(f"`{s.name}`" for s in codemod.settings) if codemod.settings else "none"),
        f"- Source: [`{path}`](../{path})",
        "",
    ]
    if body:
        lines += [demote_headings(body, CODEMOD_LEVEL + 1), ""]
    if codemod.settings:
        lines += [*_settings(codemod), ""]
    return lines


def render(codemods: Iterable[Codemod] | None = None) -> str:
    """The catalogue of the codemods (default: every registered one), sorted by id."""
    chosen = sorted(all_codemods() if codemods is None else codemods, key=lambda c: c.id)
    lines = [
        "# Codemod catalogue",
        "",
        f"Generated by `{COMMAND}` from each codemod's record and documentation (the "
        "docstring of `codemods/<name>.py`): edit those, then run the command again. "
        f"{len(chosen)} codemods; `gomend explain ID` prints the same documentation.",
        "",
        *_contents(chosen),
        "",
    ]
    for codemod in chosen:
        lines += _section(codemod)
    return "\n".join(line.rstrip() for line in lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="Write the codemod catalogue, docs/codemods.md."
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the file is stale; write nothing"
    )
    parser.add_argument(
        "--output", type=Path, default=CATALOGUE_PATH, help="the file (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    path: Path = args.output
    text = render()
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            print(f"{path} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

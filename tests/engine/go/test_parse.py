"""Parsing: syntax problems located by line and column."""

from __future__ import annotations

from gomend.engine.go.parse import overlaps_problem, parse, syntax_problems


def test_clean_file_has_no_problems() -> None:
    assert syntax_problems(parse(b"package p\n\nfunc f() {}\n")) == []


def test_error_is_located() -> None:
    src = b"package p\n\nfunc f() {\n\tx := )\n}\n"
    problems = syntax_problems(parse(src))
    assert problems
    first = problems[0]
    assert first.line == 4
    assert first.describe().endswith(f"at {first.line}:{first.column}")
    assert overlaps_problem(first.start_byte, first.end_byte, problems)
    assert not overlaps_problem(0, 5, problems)


def test_go_syntax_newer_than_the_grammar_is_an_error() -> None:
    # Go 1.26's new(expr): tree-sitter-go 0.25 does not know it
    problems = syntax_problems(parse(b"package p\n\nvar p = new(int(3))\n"))
    assert problems and problems[0].line == 3

"""Engine bugs the property, mutation, hostile-tree and standard-library runs found, pinned."""

from __future__ import annotations

from gomend.engine.go.import_edits import ensure_imports


def test_plain_import_goes_before_a_blank_import_of_the_same_path() -> None:
    source = b'package p\n\nimport (\n\t_ "context"\n\n\t"runtime"\n)\n'
    assert ensure_imports(source, ["context"]) == (
        b'package p\n\nimport (\n\t"context"\n\t_ "context"\n\n\t"runtime"\n)\n'
    )


def _output(codemod_id: str, source: bytes) -> tuple[bytes, list[str]]:
    from gomend.engine.run.fixpoint import process_source
    from gomend.engine.run.options import RunOptions

    result = process_source(
        "x.go", source, RunOptions(codemod_ids=(codemod_id,), unsafe_fixes=True)
    )
    assert result.status in ("changed", "unchanged"), result.reason
    return result.after or source, [f.rule for f in result.findings]


def test_one_line_func_literal_is_reported_not_split() -> None:
    # context/x_test.go in the standard library: a new line inside a one-line literal
    # left code gofmt had to reflow
    lost = b'package p\n\nimport "context"\n\nfunc f(g func(func())) {\n\tg(func() { _, _ = context.WithCancel(nil) })\n}\n'
    assert _output("lost-cancel", lost) == (lost, ["lost-cancel"])
    off = b'package p\n\nimport "runtime/debug"\n\nfunc f(g func(func())) {\n\tg(func() { debug.SetGCPercent(-1) })\n}\n'
    assert _output("gc-left-disabled", off) == (off, ["gc-left-disabled"])


def test_edit_index_agrees_with_fits_with() -> None:
    import random

    from gomend.engine.go.edits import Edit, EditIndex, fits_with

    rng = random.Random(5)
    for _ in range(300):
        index, accepted = EditIndex(), []
        for _ in range(30):
            start = rng.randrange(0, 60)
            candidate = [Edit(start, start + rng.choice([0, 0, 1, 3, 8]), "x")]
            assert index.fits(candidate) == fits_with(candidate, accepted)
            if fits_with(candidate, accepted):
                index.extend(candidate)
                accepted.extend(candidate)

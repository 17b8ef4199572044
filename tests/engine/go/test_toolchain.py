"""The Go toolchain: gofmt, build and vet verdicts per package of several files."""

from __future__ import annotations

from gomend.engine.go.toolchain import GoCheckInput, check_with_go

GOOD_A = b"package shop\n\n// Price is in cents.\ntype Price int\n"
GOOD_B = b"package shop\n\n// Total adds prices.\nfunc Total(ps ...Price) Price {\n\tvar t Price\n\tfor _, p := range ps {\n\t\tt += p\n\t}\n\treturn t\n}\n"


def test_a_package_of_several_files_is_checked_as_one() -> None:
    problems = check_with_go(
        [
            GoCheckInput("good", (("a.go", GOOD_A), ("b.go", GOOD_B)), vet=True),
            # b.go alone: Price is declared in a.go only
            GoCheckInput("alone", (("b.go", GOOD_B),), vet=False),
            GoCheckInput("crlf", (("a.go", GOOD_A.replace(b"\n", b"\r\n")),), vet=False),
            GoCheckInput(
                "unformatted",
                (("a.go", GOOD_A), ("b.go", b"package shop\nvar  x = 1\n")),
                vet=False,
            ),
        ]
    )
    assert problems["good"] == []
    assert problems["crlf"] == []  # line endings aside
    assert any(p.startswith("go build:") and "Price" in p for p in problems["alone"])
    assert [p for p in problems["unformatted"] if p.startswith("not gofmt-clean")] == [
        "not gofmt-clean: c0003/b.go"
    ]

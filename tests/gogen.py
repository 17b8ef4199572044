"""A hypothesis grammar of small Go files shaped like the exercise programs.

A file is a package clause, imports in every layout gofmt allows (none, one per line, a
block, several groups, aliases, dot and blank imports), a few declarations, and functions
(plain, HTTP handlers, ``init``, methods) whose bodies mix ordinary statements with the
misuses gomend looks for, nested in loops, ``if``s and func literals, with line comments,
trailing comments (aligned or not) and blank lines. The text is LF, without a BOM and with a
final newline; ``dress`` then gives it CRLF, a BOM or no final newline.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

# import path -> the name a default import gives it
PACKAGES: dict[str, str] = {
    "context": "context",
    "runtime": "runtime",
    "runtime/debug": "debug",
    "runtime/pprof": "pprof",
    "runtime/trace": "trace",
    "net/http": "http",
    "time": "time",
    "fmt": "fmt",
    "os": "os",
}
CORE = ("context", "runtime", "runtime/debug")
ALIASES = {"runtime": "rt", "runtime/debug": "rdebug", "context": "stdctx", "runtime/pprof": "pp"}


@dataclass(frozen=True)
class Imports:
    """How each path is spelled in calls: ``"runtime."``, ``"rt."`` or ``""`` (dot import)."""

    lines: tuple[str, ...]
    prefix: dict[str, str]

    def q(self, path: str) -> str:
        return self.prefix.get(path, PACKAGES[path] + ".")


@st.composite
def imports(draw: st.DrawFn) -> Imports:
    # the packages of the misuses are imported more often than the others
    paths = [
        path for path in sorted(PACKAGES) if draw(st.integers(0, 4)) > (0 if path in CORE else 2)
    ]
    specs: list[tuple[str, str]] = []  # (path, spec text)
    prefix: dict[str, str] = {}
    dotted = False
    for path in sorted(paths):
        kind = draw(st.sampled_from(["default"] * 6 + ["alias", "dot", "blank"]))
        if kind == "alias" and path in ALIASES:
            specs.append((path, f'{ALIASES[path]} "{path}"'))
            prefix[path] = ALIASES[path] + "."
        elif kind == "dot" and not dotted and path.startswith("runtime"):
            dotted = True  # two dot imports could declare one name twice
            specs.append((path, f'. "{path}"'))
            prefix[path] = ""
        elif kind == "blank":
            specs.append((path, f'_ "{path}"'))
        else:
            specs.append((path, f'"{path}"'))
    if not specs:
        return Imports((), prefix)
    layout = draw(st.sampled_from(["block", "lines", "groups", "mixed"]))
    if layout == "lines" or (len(specs) == 1 and draw(st.booleans())):
        lines = [f"import {text}" for _, text in specs]
    elif layout == "groups" and len(specs) > 1:
        cut = draw(st.integers(1, len(specs) - 1))
        lines = ["import ("]
        lines += [f"\t{text}" for _, text in specs[:cut]]
        lines.append("")
        lines += [f"\t{text}" for _, text in specs[cut:]]
        lines.append(")")
    elif layout == "mixed" and len(specs) > 1:
        lines = [f"import {specs[0][1]}", "", "import ("]
        lines += [f"\t{text}" for _, text in specs[1:]]
        lines.append(")")
    else:
        lines = ["import ("] + [f"\t{text}" for _, text in specs] + [")"]
    return Imports(tuple(lines), prefix)


# A statement is a list of (depth, text) lines, depth relative to the enclosing block.
Lines = list[tuple[int, str]]


def _misuses(im: Imports) -> list[Lines]:
    r, d, p, t = (
        im.q("runtime"),
        im.q("runtime/debug"),
        im.q("runtime/pprof"),
        im.q("runtime/trace"),
    )
    c, tm, o = im.q("context"), im.q("time"), im.q("os")
    return [
        [(0, f"{r}GC()")],
        [(0, f"{d}FreeOSMemory()")],
        [(0, f"{r}GOMAXPROCS(4)")],
        [(0, f"{r}GOMAXPROCS(0)")],
        [(0, f"n := {r}GOMAXPROCS(2)"), (0, "_ = n")],
        [(0, f"{r}LockOSThread()")],
        [(0, f"{r}LockOSThread()"), (0, f"defer {r}UnlockOSThread()")],
        [(0, f"{r}UnlockOSThread()")],
        [(0, "buf := make([]byte, 1024)"), (0, f"n := {r}Stack(buf, true)"), (0, "_ = buf[:n]")],
        [(0, f"{d}SetMaxThreads(10)")],
        [(0, f"{r}Gosched()")],
        [(0, f"{d}SetMemoryLimit(1 << 20)")],
        [(0, f"{d}SetGCPercent(-1)")],
        [(0, f"{t}Start({o}Stdout)")],
        [(0, f"{p}StartCPUProfile({o}Stdout)")],
        [
            (0, f'lctx := {p}WithLabels(ctx, {p}Labels("worker", "1"))'),
            (0, f"{p}SetGoroutineLabels(lctx)"),
            (0, "work(lctx)"),
        ],
        [
            (0, f"{r}SetFinalizer(obj, func(o *T) {{"),
            (1, "saved = o"),
            (0, "})"),
        ],
        [
            (0, f"{r}SetFinalizer(obj, func(o *T) {{"),
            (1, "o.Close()"),
            (0, "})"),
        ],
        [(0, f"ctx, _ := {c}WithCancel(ctx)"), (0, "work(ctx)")],
        [(0, f"ctx, _ = {c}WithTimeout(ctx, {tm}Second)")],
        [(0, f"var dctx, _ = {c}WithDeadline(ctx, {tm}Now())"), (0, "work(dctx)")],
        [(0, f"cctx, _ := {c}WithCancelCause(ctx)"), (0, "work(cctx)")],
    ]


def _one_liners(im: Imports) -> list[str]:
    r, d, t, c = im.q("runtime"), im.q("runtime/debug"), im.q("runtime/trace"), im.q("context")
    return [
        f"_, _ = {c}WithCancel(ctx)",
        f"ctx, _ = {c}WithTimeout(ctx, {im.q('time')}Second)",
        f"{d}SetGCPercent(-1)",
        f"{r}LockOSThread()",
        f"{t}Start({im.q('os')}Stdout)",
        f"{r}GC()",
        f"for {{ {r}Gosched() }}",
    ]


def _plain(im: Imports) -> list[Lines]:
    f = im.q("fmt")
    return [
        [(0, "x := 1"), (0, "_ = x")],
        [(0, f'{f}Println("hello")')],
        [(0, "work(ctx)")],
        [(0, "cancel := func() {}"), (0, "cancel()")],
        [(0, "total += 2")],
        [(0, "var prev int"), (0, "_ = prev")],
    ]


TRAILING = ["note", "why this is here", "TODO: check", "x"]


@st.composite
def statements(draw: st.DrawFn, im: Imports, depth: int = 0) -> Lines:
    """One or more statements (a block body), possibly with comments and blank lines."""
    count = draw(st.integers(1, 5 if depth == 0 else 3))
    out: Lines = []
    aligned = draw(st.booleans())
    for _ in range(count):
        kind = draw(
            st.sampled_from(
                ["misuse"] * 5
                + ["plain"] * 2
                + ["oneline"]
                + ([] if depth >= 2 else ["loop", "if", "lit", "go"])
            )
        )
        if kind == "misuse":
            stmt = draw(st.sampled_from(_misuses(im)))
        elif kind == "plain":
            stmt = draw(st.sampled_from(_plain(im)))
        elif kind == "oneline":  # a func literal on one line: no room for a new line
            inner = draw(st.sampled_from(_one_liners(im)))
            stmt = [(0, f"f := func() {{ {inner} }}"), (0, "f()")]
        else:
            inner = draw(statements(im, depth + 1))
            nested = [(dep + 1, text) for dep, text in inner]
            if kind == "loop":
                head = draw(
                    st.sampled_from(["for i := 0; i < 3; i++ {", "for range 10 {", "for {"])
                )
                tail = [(1, "break")] if head == "for {" else []
                stmt = [(0, head), *nested, *tail, (0, "}")]
            elif kind == "if":
                stmt = [(0, "if total > 0 {"), *nested, (0, "}")]
            elif kind == "lit":
                stmt = [(0, "f := func() {"), *nested, (0, "}"), (0, "f()")]
            else:
                stmt = [(0, "go func() {"), *nested, (0, "}()")]
        if draw(st.integers(0, 5)) == 0:
            out.append((0, "// " + draw(st.sampled_from(["a comment", "step two", "see below"]))))
        if draw(st.integers(0, 3)) == 0:
            # trailing comments on the one-line statements, aligned as gofmt would or not
            width = max(len(text) for dep, text in stmt if dep == 0) if aligned else 0
            stmt = [
                (
                    dep,
                    text
                    + _pad(draw, text, width, aligned)
                    + "// "
                    + draw(st.sampled_from(TRAILING)),
                )
                if dep == 0 and not text.endswith(("{", "}", "})", "}()"))
                else (dep, text)
                for dep, text in stmt
            ]
        out.extend(stmt)
        if draw(st.integers(0, 4)) == 0:
            out.append((0, ""))
    while out and out[-1][1] == "":
        out.pop()
    return out


def _pad(draw: st.DrawFn, text: str, width: int, aligned: bool) -> str:
    if aligned:
        return " " * (width - len(text) + 1)
    return " " * draw(st.integers(1, 3))


@st.composite
def functions(draw: st.DrawFn, im: Imports, index: int, package: str) -> list[str]:
    h = im.q("net/http")
    c = im.q("context")
    kind = draw(st.sampled_from(["plain", "plain", "handler", "init", "method", "main"]))
    if kind == "main" and package != "main":
        kind = "plain"
    if kind == "handler":
        head = f"func handle{index}(w {h}ResponseWriter, r *{h}Request) {{"
        setup = [(0, "ctx := r.Context()")]
    elif kind == "init":
        head, setup = "func init() {", [(0, f"ctx := {c}Background()")]
    elif kind == "method":
        head, setup = f"func (s *T) Run{index}(ctx {c}Context) {{", []
    elif kind == "main":
        head, setup = "func main() {", [(0, f"ctx := {c}Background()")]
    else:
        head, setup = f"func run{index}(ctx {c}Context, obj *T) {{", []
    body = draw(statements(im))
    lines = [head]
    lines += [("\t" * (dep + 1) + text) if text else "" for dep, text in setup + body]
    lines.append("}")
    return lines


@dataclass(frozen=True)
class GoSource:
    text: str  # LF, no BOM, final newline
    package: str


@st.composite
def go_files(draw: st.DrawFn) -> GoSource:
    package = draw(st.sampled_from(["main", "worker"]))
    im = draw(imports())
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["// Copyright notice.", ""]
    if draw(st.booleans()):
        lines.append(f"// Package {package} does work.")
    lines += [f"package {package}", ""]
    if im.lines:
        lines += [*im.lines, ""]
    lines += [
        "type T struct{ next *T }",
        "",
        "func (t *T) Close() {}",
        "",
        "var (",
        "\tsaved *T",
        "\ttotal int",
        ")",
        "",
        f"func work(ctx {im.q('context')}Context) {{ _ = ctx }}",
    ]
    seen_main = False
    for index in range(draw(st.integers(1, 3))):
        func = draw(functions(im, index, package))
        if func[0] == "func main() {":
            if seen_main:
                continue
            seen_main = True
        lines += ["", *func]
    return GoSource("\n".join(lines) + "\n", package)


@dataclass(frozen=True)
class Dress:
    crlf: bool
    bom: bool
    final_newline: bool

    def apply(self, text: bytes) -> bytes:
        if not self.final_newline:
            text = text.rstrip(b"\n")
        if self.crlf:
            text = text.replace(b"\n", b"\r\n")
        if self.bom:
            text = b"\xef\xbb\xbf" + text
        return text

    def undo(self, data: bytes) -> bytes:
        """LF, no BOM, with a final newline: what gofmt compares against."""
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        data = data.replace(b"\r\n", b"\n")
        return data if data.endswith(b"\n") else data + b"\n"


dresses = st.builds(Dress, st.booleans(), st.booleans(), st.booleans())

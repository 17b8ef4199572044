"""An execution trace or CPU profile is started and never stopped

## What it does
Finds `trace.Start(w)` (package `runtime/trace`) and `pprof.StartCPUProfile(w)` in a
function that never calls, defers or hands out the matching `trace.Stop` /
`pprof.StopCPUProfile`, checks the error from the start and stops it:

- in an HTTP handler, a failed start answers
  `http.Error(w, err.Error(), http.StatusInternalServerError)` and returns; when the
  handler computes a duration (`sec, _ := strconv.Atoi(...)`, `d, err :=
  time.ParseDuration(...)`) and the start is its last statement, it waits for that long or
  until the client leaves (`select { case <-time.After(d): case <-r.Context().Done(): }`)
  and then stops;
- elsewhere, a failed start returns the error when the function returns one (with zero
  values for the other results), calls `t.Fatal(err)` in a test or test helper (a
  `*testing.T`, `B` or `F` parameter), `log.Fatal(err)` in
  `main.main`, and `log.Print(err)` then `return` in any other function; then
  `defer trace.Stop()`.

An error already checked (`if err := trace.Start(w); err != nil { ...; return }`, or
`err := ...` followed by such an `if`) is kept, and only the stop is added. `net/http`,
`time` and `log` are imported when the fix uses them.

## Why is this bad?
Only one execution trace (and one CPU profile) can run in a process. In exercise 15 the
handler returned at once: the first request got status 200 with `Content-Length: 0` after
about 1 ms, `trace.IsEnabled()` stayed true for good, and every later request got an empty
200, because `trace.Start` failed with "execution tracer already enabled" and the error
was ignored; that also blocks `/debug/pprof/trace`. The trace data written after the
handler returned was thrown away, and `-race` reported 3 to 4 data races inside net/http.
The tracer costs little when idle, but a channel ping-pong ran 34-62% slower with it on.
(The exercise's "the response never returns" is wrong: it returns in about 1 ms.) With
the stop, each request got a valid 6-14 KB trace after the requested second, and tracing
was off afterwards.

## Example
```go
http.HandleFunc("/debug/trace", func(w http.ResponseWriter, r *http.Request) {
        sec, _ := strconv.Atoi(r.URL.Query().Get("seconds"))
        trace.Start(w)
})
```

## Use instead
```go
http.HandleFunc("/debug/trace", func(w http.ResponseWriter, r *http.Request) {
        sec, _ := strconv.Atoi(r.URL.Query().Get("seconds"))
        if err := trace.Start(w); err != nil {
                http.Error(w, err.Error(), http.StatusInternalServerError)
                return
        }
        select {
        case <-time.After(time.Duration(sec) * time.Second):
        case <-r.Context().Done():
        }
        trace.Stop()
})
```
Or mount `net/http/pprof`, whose `Trace` handler does all of this and also extends the
server's write deadline.

## Fix safety
Unsafe: the fix decides how the function reports a failed start and when the trace ends
(at return, or after the requested duration), which changes what the function does and
how long a handler takes; review it. Left alone: functions that stop it (directly, in a
deferred or returned function, or by handing `Stop` out), and a stop in another function
paired with the start by structure: a method of the same receiver type (`Start`/`Close`), a
sibling hook or goroutine set in the same function or package-level literal (a command's
pre-run and post-run), a function named for starting with a sibling named for stopping
(`startTrace`/`stopTrace`, `before`/`after`, `setUp`/`tearDown`), a function whose every
caller stops it (itself, or through a function of the package it calls, such as a signal
handler's goroutine), and a test's child process that starts a trace and crashes on purpose.
A stop merely somewhere else in the file or package does not count.

Reported without a fix: a start that is the last statement of its function (it starts it
for its caller; a `defer` there would stop it at once), a start in `init`, a start inside a loop (a `defer` there runs only at
return), a function that calls `os.Exit` or `log.Fatal` or ends the block in `panic` (a
deferred stop would not run, or would run during the panic), an error check that does not
leave the function, and results whose zero values gomend cannot spell.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Fix, Match, Safety
from gomend.engine.go import calls, facts, handlers, pairs, scope, zero
from gomend.engine.go.edits import (
    Edit,
    indentation_at,
    insert_line_after,
    line_end,
    statement_alone_on_line,
)
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

STOPS = {("runtime/trace", "Start"): "Stop", ("runtime/pprof", "StartCPUProfile"): "StopCPUProfile"}
MESSAGES = {
    "Start": (
        "trace.Start without trace.Stop leaves the execution tracer on for good and makes every"
        " later trace.Start fail"
    ),
    "StartCPUProfile": (
        "pprof.StartCPUProfile without pprof.StopCPUProfile never completes the profile and makes"
        " every later StartCPUProfile fail"
    ),
}


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    target = calls.call_target(call, file)
    if target not in STOPS:
        return None
    assert target is not None
    path, start = target
    stop = STOPS[target]
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if func is None or body is None:
        return None
    if pairs.stopped_by_structure(call, func, file, path, stop):
        return None  # stopped by its own function, its type, its sibling hook or its caller
    stmt = scope.statement_of(call)
    if file.is_test_file and (_ends_in_panic(stmt) or facts.calls_ending_process(body, file)):
        return None  # a test's child process that traces, then crashes on purpose
    if stmt.type == "return_statement":
        return None  # the caller gets the error and owns the stop
    message = MESSAGES[start]
    plain = m.report(call, message + "; check its error and stop it")
    if scope.enclosing_loop(stmt) is not None:
        return m.report(call, message + "; stop it before the next iteration starts it again")
    if any(c.start_byte > call.start_byte for c in facts.calls_ending_process(body, file)):
        return m.report(
            call, message + "; stop it before the program exits (a defer would not run)"
        )
    if stmt.parent is None or stmt.parent.type != "statement_list":
        return plain
    if _ends_in_panic(stmt):
        return plain
    if func.type == "function_declaration" and scope.function_name(func, file.source) == "init":
        return m.report(
            call, message + "; stop it when the program is done (a defer in init stops it at once)"
        )
    qualifier = file.text(call.child_by_field_name("function") or call)[: -len(start)]
    shape = _Shape(m, call, stmt, func, body, f"{qualifier}{stop}()")
    fix = shape.fix()
    return m.report(call, message + "; check its error and stop it", fix) if fix else plain


class _Shape:
    """Builds the fix for one start call: the error check, then the stop."""

    def __init__(self, m: Match, call: Node, stmt: Node, func: Node, body: Node, stop: str):
        self.m, self.file, self.call, self.stmt = m, m.file, call, stmt
        self.func, self.body, self.stop = func, body, stop
        self.imports: list[str] = []
        self.names_ok = True

    def q(self, path: str) -> str:
        """The qualifier for ``path``, importing it when needed (and possible)."""
        file = self.file
        qualifier = file.qualifier(path)
        if not file.imports.imports(path) and qualifier:
            bare = qualifier[:-1]
            if bare in file.package_names or file.is_shadowed(bare, self.call):
                self.names_ok = False
            self.imports.append(path)
        return qualifier

    def fix(self) -> Fix | None:
        file, stmt = self.file, self.stmt
        if not statement_alone_on_line(stmt, file.source):
            return None
        handler = handlers.is_http_handler(self.func, file)
        writer, request = handlers.handler_params(self.func, file) if handler else (None, None)
        kind, checked_by = self._existing_check()
        edits: list[Edit] = []
        if kind == "unchecked":
            if not _unchecked_statement(stmt, self.call, file):
                return None
            check = self._check_text(handler, writer)
            if check is None:
                return None
            call_text = file.text(self.call)
            end, comment = stmt.end_byte, ""
            after = stmt.next_sibling
            if (
                after is not None
                and after.type == "comment"
                and after.start_point[0] == stmt.end_point[0]
            ):
                # keep it on the call's line (a CRLF file's comment node holds the "\r")
                end = min(after.end_byte, line_end(file.source, stmt.end_byte))
                comment = " " + file.text(after).rstrip()
            text = f"if err := {call_text}; err != nil {{{comment}\n" + check + "\n}"
            edits.append(Edit(stmt.start_byte, end, _indent_lines(text, stmt, file)))
            anchor = stmt
        elif checked_by is None:
            return None
        else:
            anchor = checked_by
        stop_text = f"defer {self.stop}"
        duration = None
        if handler and request and self._is_last_statement(anchor):
            duration = _duration(self.body, self.stmt, self, file)
        if duration is not None:
            time_q = self.q("time")
            stop_text = (
                "select {\n"
                f"case <-{time_q}After({duration}):\n"
                f"case <-{request}.Context().Done():\n"
                "}\n"
                f"{self.stop}"
            )
        if stop_text.startswith("defer") and self._is_last_statement(anchor):
            return None  # starts it for its caller: a defer here would stop it at once
        if not self.names_ok:
            return None
        edits.append(insert_line_after(anchor, file.source, stop_text))
        return self.m.fix(edits, Safety.UNSAFE, add_imports=self.imports)

    def _is_last_statement(self, anchor: Node) -> bool:
        statements = scope.block_statements(self.body)
        return bool(statements) and statements[-1].start_byte == anchor.start_byte

    def _existing_check(self) -> tuple[str, Node | None]:
        """The statement after which the start's error is known to be nil: the ``if`` that
        checks it and leaves ("checked"); none for a check that does not leave ("other"), or
        for no check at all ("unchecked")."""
        file, stmt, call = self.file, self.stmt, self.call
        if stmt.type == "if_statement":
            init = stmt.child_by_field_name("initializer")
            if init is None or not (init.start_byte <= call.start_byte < init.end_byte):
                return "other", None
            return ("checked", stmt) if _leaves(stmt, file) else ("other", None)
        if stmt.type in ("short_var_declaration", "assignment_statement"):
            left = stmt.child_by_field_name("left")
            if left is None or left.named_child_count != 1:
                return "other", None
            name = file.text(left.named_children[0])
            if name == "_":
                return "unchecked", None
            following = stmt.next_named_sibling
            while following is not None and following.type == "comment":
                following = following.next_named_sibling
            if following is None or following.type != "if_statement":
                return "other", None
            cond = following.child_by_field_name("condition")
            if cond is None or file.text(cond).replace(" ", "") != f"{name}!=nil":
                return "other", None
            if following.child_by_field_name("initializer") is not None:
                return "other", None
            return ("checked", following) if _leaves(following, file) else ("other", None)
        return "unchecked", None

    def _check_text(self, handler: bool, writer: str | None) -> str | None:
        """The body of ``if err := start(...); err != nil { ... }``."""
        if handler:
            if writer is None:
                return None
            http = self.q("net/http")
            return (
                f"\t{http}Error({writer}, err.Error(), {http}StatusInternalServerError)\n\treturn"
            )
        tester = facts.testing_param(self.func, self.file)
        if tester is not None:
            return f"\t{tester}.Fatal(err)"
        results = self.func.child_by_field_name("result")
        if results is not None:
            zeros = zero.result_zero_values(results, self.file)
            if zeros is None:
                return None
            return "\treturn " + ", ".join([*zeros, "err"])
        log = self.q("log")
        if facts.is_main_func(self.func, self.file):
            return f"\t{log}Fatal(err)"
        return f"\t{log}Print(err)\n\treturn"


def _ends_in_panic(stmt: Node) -> bool:
    holder = stmt.parent
    if holder is None:
        return False
    last = scope.block_statements(holder)[-1]
    if last.type != "expression_statement" or not last.named_child_count:
        return False
    call = last.named_children[0]
    fn = call.child_by_field_name("function") if call.type == "call_expression" else None
    return fn is not None and fn.type == "identifier" and fn.text == b"panic"


def _leaves(if_stmt: Node, file: GoFile) -> bool:
    """Whether the ``if`` has no else and its block ends by leaving the function."""
    if if_stmt.child_by_field_name("alternative") is not None:
        return False
    block = if_stmt.child_by_field_name("consequence")
    statements = scope.block_statements(block) if block is not None else []
    if not statements:
        return False
    last = statements[-1]
    if last.type == "return_statement":
        return True
    if last.type == "expression_statement" and last.named_child_count:
        call = last.named_children[0]
        if call.type != "call_expression":
            return False
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "identifier":
            return file.text(fn) == "panic"
        if fn is not None and fn.type == "selector_expression":
            field = fn.child_by_field_name("field")
            return field is not None and file.text(field).startswith(("Fatal", "Exit", "Skip"))
    return False


def _unchecked_statement(stmt: Node, call: Node, file: GoFile) -> bool:
    """``start(...)`` as a statement, or ``_ = start(...)``."""
    if stmt.type == "expression_statement":
        return stmt.named_children[0].start_byte == call.start_byte
    if stmt.type == "assignment_statement":
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        return (
            left is not None
            and right is not None
            and file.text(left) == "_"
            and right.named_child_count == 1
            and right.named_children[0].start_byte == call.start_byte
        )
    return False


def _indent_lines(text: str, stmt: Node, file: GoFile) -> str:
    indent = indentation_at(file.source, stmt.start_byte).decode()
    first, *rest = text.split("\n")
    return "\n".join([first, *(indent + line if line else line for line in rest)])


def _duration(body: Node, stmt: Node, shape: _Shape, file: GoFile) -> str | None:
    """The trace duration a handler computes before starting, as a ``time.Duration``
    expression: a number of seconds parsed with strconv, or a parsed duration."""
    found = None
    for s in scope.block_statements(body):
        if s.start_byte >= stmt.start_byte:
            break
        if s.type != "short_var_declaration":
            continue
        left, right = s.child_by_field_name("left"), s.child_by_field_name("right")
        if left is None or right is None or right.named_child_count != 1:
            continue
        name = file.text(left.named_children[0])
        value = right.named_children[0]
        if value.type != "call_expression" or name == "_":
            continue
        target = calls.call_target(value, file)
        if target is None:
            continue
        if target == ("time", "ParseDuration"):
            found = ("duration", name)
        elif target[0] == "strconv" and target[1] in ("Atoi", "ParseInt", "ParseUint"):
            if "sec" in file.text(s).lower():
                found = ("seconds", name)
        elif target == ("strconv", "ParseFloat") and "sec" in file.text(s).lower():
            found = ("float-seconds", name)
    if found is None:
        return None
    kind, name = found
    if kind == "duration":
        return name
    t = shape.q("time")
    if kind == "seconds":
        return f"{t}Duration({name}) * {t}Second"
    return f"{t}Duration({name} * float64({t}Second))"


CODEMOD = Codemod(
    id="trace-not-stopped",
    title="Check the error of trace.Start and StartCPUProfile, and stop what they start",
    doc=__doc__ or "",
    safety=Safety.UNSAFE,
    rewrite=rewrite,
    calls=(Call("runtime/trace", "Start"), Call("runtime/pprof", "StartCPUProfile")),
)

"""runtime.Gosched() on every iteration of a loop that does real work

## What it does
Finds `runtime.Gosched()` as a statement inside a loop body that does other work, and
deletes it (with the `runtime` import when nothing else uses it). Rate-limited yields are
left alone: a `Gosched` under an `if` inside the loop (`if i%1024 == 0 { runtime.Gosched()
}`, a yield after each flushed batch) costs little by design. So is test code (`_test.go`
files and helpers taking a `testing.TB`), which yields to let the goroutines under test
run. Spin-waits are left alone too: a loop whose body is
only the yield, or whose exit depends on shared state (a channel operation or `select`, an
atomic, a lock, or a loop condition or `if ... { break }` that reads nothing the loop
itself changes). So are loops that watch the scheduler (another `runtime` call such as
`NumGoroutine` or `Stack`) or sleep (`time.Sleep`), where the yield is the point or costs
nothing.

## Why is this bad?
`Gosched` asks the scheduler to run something else, and when there is nothing else it
still goes through the scheduler: about 130 ns per call. Exercise 9 calls it on each of
its iterations "for fairness". Measured with the loop scaled from 100 M to 10 M iterations:
1.15–1.45 s with the call, 6–12 ms without it, a slowdown of about 100–200× (the
exercise's "5–10× slower, ~300 ns per call" is off both ways). It buys no fairness either:
since Go 1.14 the runtime preempts long-running loops asynchronously. Without `Gosched`,
with GOMAXPROCS=1, another goroutine still ran 33–35 times during a 0.7 s loop (and only
once with `GODEBUG=asyncpreemptoff=1`).

## Example
```go
for i := 0; i < n; i++ {
        sum += i
        runtime.Gosched()
}
```

## Use instead
```go
for i := 0; i < n; i++ {
        sum += i
}
```
If other goroutines really starve, look at what they wait for (a lock held across the
loop, a channel nobody reads) rather than yielding on every iteration.

## Fix safety
Safe in a counted (`for i := 0; i < n; i++`) or `range` loop whose body has no
synchronisation (no channel operation, `select`, atomic, lock or wait): there the yield
cannot be what makes the loop end. Unsafe otherwise (an endless `for {}` or a `for cond {}`
loop that changes its own condition, or a body that synchronises), since the yield may be
what lets another goroutine make progress on GOMAXPROCS=1 with preemption turned off.
Spin-waits such as `for !ready.Load() { runtime.Gosched() }` are never touched: without the
yield that loop burns a CPU and, on one processor, waits about 10 ms for preemption before
the writer can run. A yield that is the only statement of a block gomend cannot remove
whole (a `case`) is reported only.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, deletion, facts, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

RUNTIME = "runtime"
MESSAGE = (
    "runtime.Gosched() on every iteration costs about 130 ns and buys no fairness, "
    "since the runtime preempts long loops anyway"
)

# Method names that synchronise or read shared state (sync.Mutex, sync.RWMutex, sync.Cond,
# sync.WaitGroup, sync.Once, the sync/atomic types and sync.Map).
SYNC_METHODS = frozenset(
    {
        "Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock",
        "Wait", "Signal", "Broadcast", "Do",
        "Load", "Store", "Swap", "CompareAndSwap", "Add", "And", "Or",
        "LoadOrStore", "LoadAndDelete", "CompareAndDelete",
    }
)  # fmt: skip
# Methods that read shared state without changing the receiver (a poll).
POLL_METHODS = frozenset({"Load", "Err", "Done", "TryLock", "TryRLock"})
SYNC_PACKAGES = ("sync", "sync/atomic")
EXITS = ("break_statement", "return_statement", "goto_statement")


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    if not scope.is_expression_statement(call):
        return None
    loop = scope.enclosing_loop(call)
    body = loop.child_by_field_name("body") if loop is not None else None
    if loop is None or body is None or _is_spin_wait(loop, body, file):
        return None
    if facts.is_test_code(call, file):
        return None  # a test helper that yields to let the goroutines under test run
    between = scope.between(call, body)
    if any(node.type == "if_statement" for node in between):
        return None  # a rate-limited yield (every N items, after a batch): cheap by design
    safety = Safety.SAFE if _is_counted(loop, file) and not _synchronises(body, file) else None
    safety = safety or Safety.UNSAFE
    message = MESSAGE
    if any(node.type in CASES for node in between):
        message = message.replace("on every iteration", "in a loop").replace(
            "costs about 130 ns", "costs about 130 ns a call"
        )
    statement = call.parent
    assert statement is not None
    statements = statement.parent
    alone = statements is not None and len(scope.block_statements(statements)) == 1
    block = statements.parent if statements is not None else None
    if alone and block is not None and block != body:
        if deletion.collapsing_if(statement, m.file) is None:
            return m.report(call, message + "; remove it and the block around it")
    fix = m.fix_deleting(call, safety, drop_imports=(RUNTIME,))
    return m.report(call, message + "; remove it", fix)


CASES = ("expression_case", "default_case", "type_case", "communication_case")


# --- what kind of loop ------------------------------------------------------------------


def _is_counted(loop: Node, file: GoFile) -> bool:
    """A ``range`` loop, or ``for init; cond; post`` whose condition reads what ``post``
    changes."""
    for child in loop.named_children:
        if child.type == "range_clause":
            return True
        if child.type == "for_clause":
            condition = child.child_by_field_name("condition")
            update = child.child_by_field_name("update")
            if condition is None or update is None:
                return False
            return bool(_reads(condition, file) & _changed_by(update, file))
    return False


def _is_spin_wait(loop: Node, body: Node, file: GoFile) -> bool:
    """A loop that waits rather than works: its body is only yields, or its end depends on
    shared state (a polled condition, a channel, an atomic or a lock)."""
    statements = scope.block_statements(body)
    if all(_is_yield(s, file) or s.type == "empty_statement" for s in statements):
        return True
    changed = _changed_in_loop(loop, file)
    condition = _loop_condition(loop)
    if condition is not None and _polls(condition, changed, file):
        return True
    for exit_if in _exit_conditions(body):
        if _polls(exit_if, changed, file):
            return True
    for node in scope.body_nodes(loop):
        if node.type == "select_statement":
            return True
        if node.type == "call_expression" and _watches_or_paces(node, file):
            return True
    return not _is_counted(loop, file) and _synchronises(body, file)


def _is_yield(statement: Node, file: GoFile) -> bool:
    if statement.type != "expression_statement" or not statement.named_child_count:
        return False
    return calls.is_call(statement.named_children[0], file, RUNTIME, "Gosched")


def _loop_condition(loop: Node) -> Node | None:
    for child in loop.named_children:
        if child.type == "for_clause":
            return child.child_by_field_name("condition")
        if child.type not in ("block", "range_clause", "comment"):
            return child  # for cond { ... }
    return None


def _watches_or_paces(call: Node, file: GoFile) -> bool:
    """A call to ``runtime`` other than ``Gosched`` (the loop watches the scheduler:
    ``NumGoroutine``, ``Stack``, ``GC``...) or to ``time.Sleep`` (the loop is not hot)."""
    target = calls.call_target(call, file)
    if target is None:
        return False
    return (target[0] == RUNTIME and target[1] != "Gosched") or target == ("time", "Sleep")


def _exit_conditions(body: Node) -> list[Node]:
    """The ``if`` statements in the body that leave the loop."""
    found = []
    for stmt in scope.body_nodes(body):
        if stmt.type != "if_statement":
            continue
        consequence = stmt.child_by_field_name("consequence")
        if consequence is None or stmt.child_by_field_name("condition") is None:
            continue
        if any(n.type in EXITS for n in scope.body_nodes(consequence)):
            found.append(stmt)
    return found


def _polls(node: Node, changed: set[str], file: GoFile) -> bool:
    """Whether a loop condition, or the header of an ``if`` that leaves the loop, reads
    shared state: a receive, an atomic or lock call, a polling method, or no variable the
    loop itself changes (the names an ``if`` header declares do not count)."""
    parts = [node]
    declared: set[str] = set()
    if node.type == "if_statement":
        condition = node.child_by_field_name("condition")
        initializer = node.child_by_field_name("initializer")
        assert condition is not None
        parts = [condition]
        if initializer is not None:
            parts.append(initializer)
            declared = scope.declared_names(initializer, file.source)
    reads: set[str] = set()
    for part in parts:
        for n in query.walk(part, ("unary_expression", "call_expression")):
            if n.type == "unary_expression":
                op = n.child_by_field_name("operator")
                if op is not None and op.type == "<-":
                    return True
            elif _is_sync_call(n, file, POLL_METHODS):
                return True
        reads |= _reads(part, file)
    return not ((reads - declared) & changed)


def _synchronises(body: Node, file: GoFile) -> bool:
    for node in scope.body_nodes(body):
        if node.type in ("send_statement", "select_statement"):
            return True
        if node.type == "unary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and op.type == "<-":
                return True
        if node.type == "call_expression" and _is_sync_call(node, file, SYNC_METHODS):
            return True
    return False


def _is_sync_call(call: Node, file: GoFile, methods: frozenset[str]) -> bool:
    target = calls.call_target(call, file)
    if target is not None:
        return target[0] in SYNC_PACKAGES
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "selector_expression":
        field = fn.child_by_field_name("field")
        return field is not None and file.text(field) in methods
    return False


# --- which variables ----------------------------------------------------------------------


def _reads(node: Node, file: GoFile) -> set[str]:
    """Variables an expression reads: identifiers that are not called, not package names
    and not predeclared constants."""
    names = set()
    for ident in query.walk(node, ("identifier",)):
        parent = ident.parent
        if parent is not None and parent.type == "call_expression":
            if parent.child_by_field_name("function") == ident:
                continue
        name = file.text(ident)
        if name in ("true", "false", "nil", "iota", "_"):
            continue
        if file.imports.path_of(name) is not None and not file.is_shadowed(name, ident):
            continue
        names.add(name)
    return names


def _changed_by(node: Node, file: GoFile) -> set[str]:
    """Variables a piece of code assigns, increments, declares or takes the address of."""
    names: set[str] = set()
    for n in scope.body_nodes(node):
        targets: list[Node] = []
        if n.type in ("assignment_statement", "short_var_declaration", "range_clause"):
            left = n.child_by_field_name("left")
            if left is not None:
                targets = list(left.named_children)
        elif n.type in ("inc_statement", "dec_statement"):
            targets = list(n.named_children[:1])
        elif n.type == "unary_expression":
            op = n.child_by_field_name("operator")
            operand = n.child_by_field_name("operand")
            if op is not None and op.type == "&" and operand is not None:
                targets = [operand]
        for target in targets:
            name = facts.root_variable(target, file)
            if name is not None:
                names.add(name)
    return names


def _changed_in_loop(loop: Node, file: GoFile) -> set[str]:
    changed: set[str] = set()
    for child in loop.named_children:
        changed |= _changed_by(child, file)
    return changed


CODEMOD = Codemod(
    id="gosched-in-loop",
    title="Remove runtime.Gosched() from loops that do real work",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call(RUNTIME, "Gosched"),),
    skip_test_files=True,
)

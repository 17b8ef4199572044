"""A goroutine locks its OS thread and never unlocks it

## What it does
Finds a function body with more `runtime.LockOSThread()` calls than
`runtime.UnlockOSThread()` calls, and inserts `defer runtime.UnlockOSThread()` right after
the first lock that no unlock pairs with. Each function and func literal is a body of its
own; an unlock in a deferred func literal (`defer func() { ... }()`) counts for the body
that defers it, since it runs when that body returns.

Left alone: `init` functions and `main.main` (locking there keeps `main` on the main thread,
which GUI and OpenGL code need); bodies that change the thread's state on purpose, whose
thread must die with the goroutine rather than be reused (`Unshare`, `Setns`, `Setuid`,
`Setgid`, `Setresuid`, `Setresgid`, `Prctl`, `Seccomp` from `syscall` or
`golang.org/x/sys/unix`, or unqualified inside those packages, `netns.Set`, in the body
itself or in a function of the package it calls (a helper that enters a namespace), Windows
impersonation, a Plan 9 process fork whose thread must wait for the child, and runtime
hooks reached through `go:linkname`, named `runtime_...`); a helper that locks for its
caller, when a caller in the same file unlocks more than it locks; and test code.

## Why is this bad?
A goroutine that exits while locked takes its thread with it: the runtime destroys the
thread instead of reusing it. Exercise 11 runs 5 rounds of 10 locked goroutines; measured on
Go 1.27, each round creates about 10 new threads (9-12; 54 thread creations and 49 exits
under strace in all). With the unlock, later rounds create 0 or 1 (15 creations, 0 exits).
The program's own `threads:` line misleads: it reads 6-7 before the fix and 14-16 after,
because the fixed program keeps idle threads for reuse.

Exercise 3 is wrong about its own symptom: its 10 goroutines run once, so there is no
repeated churn (9 threads exit, once), and what the program shows is `fatal error: all
goroutines are asleep - deadlock!` from its `select {}`, with or without the fix. The fix is
still right; the deadlock is a separate bug in the demonstration.

## Example
```go
func work(id int) {
        runtime.LockOSThread()
        fmt.Println("worker", id, "starting on thread")
        time.Sleep(50 * time.Millisecond)
}
```

## Use instead
```go
func work(id int) {
        runtime.LockOSThread()
        defer runtime.UnlockOSThread()
        fmt.Println("worker", id, "starting on thread")
        time.Sleep(50 * time.Millisecond)
}
```
If the thread really must stay dedicated, create the locked goroutines once and feed them
work through a channel.

## Fix safety
Safe only where the body is a goroutine's own work: a func literal started with `go`, or an
unexported function (or one in package `main`) whose every mention in the package is a call
in a `go` statement. There the unlock runs when the goroutine's work returns, and the code
after the lock still runs on the locked thread. Unsafe anywhere else: an exported function
may lock the thread for its caller on purpose (a GUI or cgo library's `NewWindow`), so review
it. Reported without a fix: a lock inside a loop body (a `defer` there would only run at
return, after every iteration's lock), a lock that is its function's last statement (a
helper that locks for its caller, which must unlock), and a body that ends the process
(`os.Exit`, `log.Fatal`, `syscall.Exec`: a deferred unlock never runs there). Left alone
as well: a body that hands the unlock on, as `runtime.UnlockOSThread` returned, stored or
passed (`t.Cleanup(runtime.UnlockOSThread)`), or called in a func literal it returns, stores
or registers; and a lock followed only by another package's run loop (`systray.Run(...)`,
`gtk.Main()`), whose windows and message queue belong to the thread it keeps.
"""

from __future__ import annotations

from collections.abc import Iterator

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, facts, methods, query, scope
from gomend.engine.go.edits import insert_line_after, statement_alone_on_line
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

# Calls that change the calling thread's state on purpose: such a thread should die with
# its goroutine instead of going back to the pool (docs/codemods.md, unpaired-lock-os-thread).
THREAD_STATE = frozenset(
    {
        "Unshare",
        "Setns",
        "Setuid",
        "Setgid",
        "Setresuid",
        "Setresgid",
        "Setreuid",
        "Setregid",
        "Setgroups",
        "Prctl",
        "PrctlRetInt",
        "Seccomp",
        # Windows: a thread that impersonates another user carries that token.
        "ImpersonateSelf",
        "ImpersonateLoggedOnUser",
        "RevertToSelf",
        "SetThreadToken",
    }
)

# Plan 9: only the thread that forked a child can wait for it, so the goroutine that starts
# a process keeps its thread locked for the child's life (package syscall does this).
PROCESS_PARENT = frozenset({"forkExec", "ForkExec", "StartProcess"})

# Packages whose own functions make the calls above, without an import to resolve them.
SYSCALL_PACKAGES = frozenset({"syscall", "unix", "windows", "plan9"})


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if func is None or body is None or facts.is_test_code(call, file):
        return None
    name = scope.function_name(func, file.source)
    if func.type == "function_declaration" and (
        name == "init" or (name == "main" and file.package_name == "main")
    ):
        return None
    if _first_unpaired_lock(body, file) != call:
        return None
    if _changes_thread_state(body, file, depth=1) or _callers_unlock(func, file):
        return None
    if _hands_on_unlock(body, file):
        return None  # the unlock is returned, stored or registered: someone else calls it

    message = (
        "runtime.LockOSThread() with no UnlockOSThread() makes the thread exit with the "
        "goroutine, so every call costs a new OS thread"
    )
    statement = call.parent
    if scope.enclosing_loop(call) is not None:
        return m.report(call, message + "; unlock it before the iteration ends")
    statements = scope.block_statements(body)
    if statements and statements[-1] == statement:
        return m.report(call, message + "; make sure the caller unlocks it")
    if _runs_a_native_loop(call, statements, file):
        return None  # a thread dedicated to a native run loop (a tray icon's message loop)
    if facts.calls_ending_process(body, file):
        return m.report(
            call, message + "; unlock it before the process exits (a defer would not run)"
        )
    if (
        statement is None
        or statement.type != "expression_statement"
        or not statement_alone_on_line(statement, file.source)
    ):
        return m.report(call, message + "; defer runtime.UnlockOSThread() after it")
    unlock = f"defer {file.qualifier('runtime')}UnlockOSThread()"
    edit = insert_line_after(statement, file.source, unlock)
    # a goroutine's own work ends with the goroutine; any other function may lock the thread
    # for its caller on purpose (a GUI or cgo library's NewWindow), so review it there
    safety = Safety.SAFE if facts.is_goroutine_body(func, file) else Safety.UNSAFE
    return m.report(
        call, message + "; defer runtime.UnlockOSThread() after it", m.fix([edit], safety)
    )


# the run loop of a GUI, tray or event library, which owns its thread's native state
RUN_LOOPS = frozenset({"Run", "Main", "MainLoop", "RunLoop", "Loop", "EventLoop"})


def _runs_a_native_loop(lock: Node, statements: list[Node], file: GoFile) -> bool:
    """Whether the lock is followed by one last statement that hands the thread to another
    package's run loop (``systray.Run(...)``, ``gtk.Main()``): the loop's windows and message
    queue belong to that thread, which is meant to serve it until the goroutine ends."""
    statement = lock.parent
    if statement is None or statement not in statements:
        return False
    rest = statements[statements.index(statement) + 1 :]
    if len(rest) != 1 or rest[0].type != "expression_statement" or not rest[0].named_child_count:
        return False
    call = rest[0].named_children[0]
    target = calls.call_target(call, file) if call.type == "call_expression" else None
    return target is not None and target[1] in RUN_LOOPS and not target[0].startswith("runtime")


def _hands_on_unlock(body: Node, file: GoFile) -> bool:
    """Whether the body hands the unlock on: ``runtime.UnlockOSThread`` used as a value
    (``return runtime.UnlockOSThread``, ``t.Cleanup(runtime.UnlockOSThread)``), or called in a
    func literal the body neither defers nor starts with ``go`` (a closer it returns, stores
    or registers)."""
    deferred = _deferred_literals(body)
    for found in calls.references(body, file, "runtime", "UnlockOSThread"):
        holder = found.parent
        if (
            holder is None
            or holder.type != "call_expression"
            or holder.child_by_field_name("function") != found
        ):
            return True  # a value, not a call
        literal = scope.enclosing_function(holder)
        while literal is not None and literal.type == "func_literal" and literal != body.parent:
            if literal in deferred:
                break
            started = literal.parent
            if started is not None and started.parent is not None:
                if started.parent.type == "go_statement":
                    break  # another goroutine's unlock
            if started is None or started.type != "call_expression":
                return True  # a literal handed on: returned, stored, passed
            literal = scope.enclosing_function(literal)
    return False


def _deferred_literals(body: Node) -> list[Node]:
    """Func literals the body defers (``defer func() { ... }()``): they run as it returns."""
    found = []
    for node in query.walk(body, ("defer_statement",)):
        if scope.enclosing_function(node) != body.parent:
            continue
        call = node.named_children[0] if node.named_child_count else None
        fn = call.child_by_field_name("function") if call is not None else None
        if fn is not None and fn.type == "func_literal":
            found.append(fn)
    return found


def _calls_of_body(body: Node, file: GoFile, path: str, *names: str) -> list[Node]:
    """Calls in the body itself and in the func literals it defers."""
    found = calls.calls_in(body, file, path, *names)
    for literal in _deferred_literals(body):
        found.extend(calls.calls_in(literal, file, path, *names))
    return found


def _first_unpaired_lock(body: Node, file: GoFile) -> Node | None:
    """The first lock that no unlock after it pairs with (unlocks pair with the latest open
    lock; deferred unlocks run at return, so they pair with whatever is still open)."""
    locks = calls.calls_in(body, file, "runtime", "LockOSThread")
    unlocks = _calls_of_body(body, file, "runtime", "UnlockOSThread")
    if len(unlocks) >= len(locks):
        return None
    events = sorted(
        [(c.start_byte, "lock", c) for c in locks]
        + [(c.start_byte, "unlock", c) for c in unlocks if not facts.in_defer(c, body)]
    )
    open_locks: list[Node] = []
    for _, kind, node in events:
        if kind == "lock":
            open_locks.append(node)
        elif open_locks:
            open_locks.pop()
    deferred = sum(1 for c in unlocks if facts.in_defer(c, body))
    remaining = open_locks[: max(len(open_locks) - deferred, 0)]
    return remaining[0] if remaining else None


def _changes_thread_state(body: Node, file: GoFile, depth: int = 0) -> bool:
    """Whether the body changes its thread's state (``Setns``, ``Unshare``, ``Setuid``...),
    itself or, with ``depth``, in a function of the package it calls (``enterNetns(fd)``):
    the thread must then die with the goroutine rather than be reused."""
    deferred = _deferred_literals(body)
    own_package = file.package_name in SYSCALL_PACKAGES
    for call in query.walk(body, ("call_expression",)):
        owner = scope.enclosing_function(call)
        if owner != body.parent and owner not in deferred:
            continue
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "identifier" and depth > 0:
            if _callee_changes_thread_state(file.text(fn), file, depth - 1):
                return True
        if fn is not None and fn.type == "identifier":
            local = file.text(fn)
            if local.startswith("runtime_"):
                return True  # a runtime hook reached through go:linkname
            if own_package and local in THREAD_STATE | PROCESS_PARENT:
                return True  # the system-call package's own thread-state calls
        target = calls.call_target(call, file)
        if target is None:
            continue
        path, name = target
        system = path == "syscall" or path.endswith(("/unix", "/windows"))
        if name in THREAD_STATE and system:
            return True
        if system and name in facts.RAW_SYSCALLS and _raw_thread_state(call, file):
            return True  # syscall.RawSyscall(syscall.SYS_SETNS, ...)
        if path.endswith("/netns") and name in ("Set", "Setns"):
            return True
    return False


# the system call numbers of the thread-state calls above, for a raw Syscall of them
RAW_THREAD_STATE = ("SYS_SETNS", "SYS_UNSHARE", "SYS_SETUID", "SYS_SETGID", "SYS_SETRESUID",
                    "SYS_SETRESGID", "SYS_PRCTL", "SYS_SECCOMP")  # fmt: skip


def _raw_thread_state(call: Node, file: GoFile) -> bool:
    args = scope.call_arguments(call)
    return bool(args) and file.text(args[0]).endswith(RAW_THREAD_STATE)


def _callee_changes_thread_state(name: str, file: GoFile, depth: int) -> bool:
    """Whether a function of the package named ``name`` changes its thread's state."""
    for decl, owner in methods.functions_named(name, file):
        callee = scope.function_body(decl)
        if callee is not None and _changes_thread_state(callee, owner, depth):
            return True
    return False


def _callers_unlock(func: Node, file: GoFile) -> bool:
    """Whether a caller in the same file unlocks more than it locks: this function is a
    helper that locks for it."""
    name = scope.function_name(func, file.source)
    if name is None:
        return False
    for call in _calls_named(file, name):
        caller = scope.enclosing_function(call)
        caller_body = scope.function_body(caller) if caller is not None else None
        if caller_body is None or caller == func:
            continue
        unlocks = _calls_of_body(caller_body, file, "runtime", "UnlockOSThread")
        if len(unlocks) > len(calls.calls_in(caller_body, file, "runtime", "LockOSThread")):
            return True  # it unlocks a lock it did not take
    return False


def _calls_named(file: GoFile, name: str) -> Iterator[Node]:
    """The calls whose function is spelled ``name`` or is a selector of a field spelled so,
    found from the spellings of the name (a walk where it is undecodable)."""
    if "\ufffd" in name:
        for call in query.walk(file.tree.root_node, ("call_expression",)):
            fn = call.child_by_field_name("function")
            if fn is not None and fn.type == "selector_expression":
                fn = fn.child_by_field_name("field")
            if fn is not None and file.text(fn) == name:
                yield call
        return
    for named in query.spelled(file.tree.root_node, file.source, name):
        while named.parent is not None and named.parent.byte_range == named.byte_range:
            named = named.parent  # the outermost node of the name's span
        fn = named
        outer = named.parent
        if outer is not None and outer.type == "selector_expression":
            if outer.child_by_field_name("field") == named:
                fn, outer = outer, outer.parent
        if (
            outer is not None
            and outer.type == "call_expression"
            and outer.child_by_field_name("function") == fn
        ):
            yield outer


CODEMOD = Codemod(
    id="unpaired-lock-os-thread",
    title="Unlock the OS thread that a goroutine locks, so that it is reused, not destroyed",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call("runtime", "LockOSThread"),),
    skip_test_files=True,
)

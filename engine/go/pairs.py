"""Whether something started has its stop by structure: a start call (``trace.Start``,
``pprof.StartCPUProfile``) paired with the call that ends it (``path.stop``) through the code's
shape (the same declaration, the receiver type's other methods, a sibling named for
stopping, the callers), never through a stop that is merely somewhere in the file."""

from __future__ import annotations

from gomend.engine.go import calls, facts, methods, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

# names of the two halves of a lifecycle (``startTrace``/``stopTrace``, the testing
# package's ``before``/``after``, ``setUp``/``tearDown``)
_STARTING = ("start", "begin", "enable", "before", "setup")
_STOPPING = ("stop", "end", "disable", "finish", "close", "after", "teardown", "shutdown")


def stopped_by_structure(call: Node, func: Node, file: GoFile, path: str, stop: str) -> bool:
    """Whether the start has a stop by structure, never by a stop merely somewhere in the
    file: the top-level declaration that holds it (its function, with the goroutines and
    hooks it starts, or a package-level literal's sibling hooks) refers to the stop; or it
    is a method and another method of its receiver type stops; or it is a function named
    for starting with a sibling named for stopping that stops; or every caller of its
    function in the package stops."""
    top = call
    while top.parent is not None and top.parent.type != "source_file":
        top = top.parent
    if calls.refers_to(top, file, path, stop):
        return True
    outer = scope.outermost_function(call) or func
    if outer.type == "method_declaration":
        type_name = methods.receiver_type(file, outer)
        if type_name is not None and any(
            decl != outer and _stops(decl, owner, path, stop)
            for decl, owner in methods.methods_of(type_name, file)
        ):
            return True
    name = scope.function_name(outer, file.source)
    if name is None:
        return False
    if name.lower().startswith(_STARTING) and _named_sibling_stops(outer, file, path, stop):
        return True
    return _callers_stop(outer, file, path, stop)


def _stops(decl: Node, owner: GoFile, path: str, stop: str) -> bool:
    return owner.imports.imports(path) and calls.refers_to(decl, owner, path, stop)


def _named_sibling_stops(func: Node, file: GoFile, path: str, stop: str) -> bool:
    """A declaration of the package named for stopping (``stopTrace`` beside ``startTrace``)
    that stops, of the same kind (a function, or a method of the same receiver type)."""
    receiver = methods.receiver_type(file, func) if func.type == "method_declaration" else None
    for owner in file.package_files(stop.encode()):
        for decl in owner.tree.root_node.named_children:
            if decl.type != func.type or decl == func:
                continue
            other = methods.method_name(owner, decl) or ""
            if not other.lower().startswith(_STOPPING):
                continue
            if receiver is not None and methods.receiver_type(owner, decl) != receiver:
                continue
            if _stops(decl, owner, path, stop):
                return True
    return False


def _callers_stop(func: Node, file: GoFile, path: str, stop: str) -> bool:
    """Whether the function is called in the package, and every function that calls it
    stops, itself or through a function of the package it calls (``enableProfile()`` then
    ``defer pprof.StopCPUProfile()``, or ``handleSignals()`` whose goroutine stops it)."""
    sites = facts.call_sites(func, file) or []
    callers = [(scope.outermost_function(call), owner) for call, owner in sites]
    if not callers:
        return False
    stoppers: set[str] | None = None
    for caller, owner in callers:
        if caller is None or caller == func:
            return False
        if _stops(caller, owner, path, stop):
            continue
        if stoppers is None:
            stoppers = _stopping_functions(file, path, stop)
        if not any(_calls_named(caller, owner, name) for name in stoppers):
            return False
    return True


def _stopping_functions(file: GoFile, path: str, stop: str) -> set[str]:
    """The package-level functions of the package that stop (refer to ``path.stop``)."""
    names = set()
    for owner in file.package_files(stop.encode()):
        for decl in owner.tree.root_node.named_children:
            if decl.type == "function_declaration" and _stops(decl, owner, path, stop):
                name = scope.function_name(decl, owner.source)
                if name is not None:
                    names.add(name)
    return names


def _calls_named(func: Node, file: GoFile, name: str) -> bool:
    for ident in query.spelled(func, file.source, name):
        parent = ident.parent
        if parent is not None and parent.type == "call_expression":
            if parent.child_by_field_name("function") == ident:
                return True
    return False

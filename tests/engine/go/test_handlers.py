"""engine/go/handlers.py: the routes a handler is registered under."""

from __future__ import annotations

from gomend.engine.go import handlers
from tests.engine.go.test_facts import funcs, go, node

IMPORTS = 'import "net/http"'


def test_routes_of_literals_named_handlers_and_wrapped_ones() -> None:
    file = go(
        "type S struct{}\n"
        "func (s *S) debug(w http.ResponseWriter, r *http.Request) {}\n"
        "func upload(w http.ResponseWriter, r *http.Request) {}\n"
        "func other(w http.ResponseWriter, r *http.Request) {}\n"
        "func routes(mux *http.ServeMux, s *S) {\n"
        '\tmux.HandleFunc("/gc", func(w http.ResponseWriter, r *http.Request) {})\n'
        '\tmux.Handle("/debug/x", http.HandlerFunc(s.debug))\n'
        '\tmux.HandleFunc("POST /api/upload", upload)\n'
        "\tuse(other)\n}\n"
        "func use(any) {}",
        imports=IMPORTS,
    )
    found = funcs(file)
    assert handlers.handler_routes(node(file, "func_literal"), file) == ["/gc"]
    assert handlers.handler_routes(found["debug"], file) == ["/debug/x"]
    assert handlers.handler_routes(found["upload"], file) == ["POST /api/upload"]
    assert handlers.handler_routes(found["other"], file) == []  # not registered

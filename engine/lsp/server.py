"""``gomend lsp``: the language server, on pygls, over standard input and output.

It owns the documents an editor has open: each text (full sync) goes through the same
``process_source`` as the command line, with the options the configuration gives that file
(``options_for``), and comes back as diagnostics on didOpen and didChange; code actions and
hovers are answered from the last analysis of the text (``engine/lsp/actions.py``).
"""

from __future__ import annotations

import sys
from enum import Enum

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from gomend.engine import __version__
from gomend.engine.config import ConfigError
from gomend.engine.lsp import actions
from gomend.engine.lsp.actions import FIX_ALL, Analysis
from gomend.engine.lsp.positions import Lines
from gomend.engine.registry import RegistryError
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import excluded, options_for
from gomend.engine.run.result import FileResult, FileStatus


class GomendServer(LanguageServer):
    """The server, with the last analysis of each open document."""

    def __init__(self) -> None:
        super().__init__(
            "gomend", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full
        )
        self.analyses: dict[str, Analysis] = {}
        self.shown: set[str] = set()  # configuration errors already shown to the user

    def analysis(self, uri: str) -> Analysis | None:
        """The analysis of the document's current text (None: its configuration is broken)."""
        document = self.workspace.get_text_document(uri)
        source = document.source
        known = self.analyses.get(uri)
        if known is not None and known.source == source:
            return known
        try:
            options = options_for(document.path)
            skip = excluded(document.path)  # the configuration's exclude: no diagnostics
        except (ConfigError, RegistryError, KeyError) as exc:
            problem = (
                f"unknown codemod id: {exc.args[0]}" if isinstance(exc, KeyError) else str(exc)
            )
            self.show_once(f"gomend: {problem}")
            return None
        raw = source.encode("utf-8", "surrogatepass")
        encoding = _name(self.workspace.position_encoding or "utf-16")
        result = (
            FileResult(document.path, FileStatus.SKIPPED, "excluded by the configuration")
            if skip
            else process_source(document.path, raw, options)
        )
        analysis = Analysis(uri, source, raw, result, Lines(raw, encoding))
        self.analyses[uri] = analysis
        return analysis

    def show_once(self, message: str) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message)
            )

    def publish(self, uri: str) -> None:
        analysis = self.analysis(uri)
        found = [] if analysis is None else analysis.result.findings
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=[actions.diagnostic(analysis, f) for f in found if analysis],
                version=self.workspace.get_text_document(uri).version,
            )
        )


server = GomendServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: GomendServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: GomendServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: GomendServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.analyses.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


def _name(value: Enum | str) -> str:
    """An LSP enumeration's value (lsprotocol gives some as enums, some as strings)."""
    return str(value.value) if isinstance(value, Enum) else value


def _before(a: lsp.Position, b: lsp.Position) -> bool:
    """Whether ``a`` is at or before ``b``."""
    return (a.line, a.character) <= (b.line, b.character)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return _before(a.start, b.end) and _before(b.start, a.end)


def _wanted(kind: str, only: list[str] | None) -> bool:
    """Whether an action of ``kind`` is one the client asked for (``only``: kinds and their
    parents, ``source.fixAll`` taking in ``source.fixAll.gomend``)."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_action(ls: GomendServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    analysis = ls.analysis(params.text_document.uri)
    if analysis is None:
        return []
    found = [
        action
        for finding in analysis.result.findings
        if _overlaps(analysis.range_of(finding), params.range)
        for action in actions.finding_actions(analysis, finding)
    ]
    every = actions.fix_all(analysis)
    if every is not None:
        found.append(every)
    only = [_name(k) for k in params.context.only] if params.context.only else None
    return [a for a in found if _wanted(_name(a.kind or ""), only)]


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: GomendServer, params: lsp.HoverParams) -> lsp.Hover | None:
    """``gomend explain``'s text for the findings under the cursor."""
    analysis = ls.analysis(params.text_document.uri)
    if analysis is None:
        return None
    at = params.position
    under = [
        (f.rule, analysis.range_of(f))
        for f in analysis.result.findings
        if _before(analysis.range_of(f).start, at) and _before(at, analysis.range_of(f).end)
    ]
    texts = [actions.explain_text(rule) for rule in dict(under)]
    if not any(texts):
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)),
        range=under[0][1],
    )


def serve() -> None:
    """Serve on standard input and output until the client says exit. Anything else that
    writes to standard output writes to standard error instead: the protocol's stream stays
    the server's alone."""
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, stdout)

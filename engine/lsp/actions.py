"""What the language server says of one analysed document: a diagnostic per finding, the code
actions of a finding (its fix, the comment that suppresses it) and of the file (every fix
``gomend fix`` would apply), and the hover text of a rule (``gomend explain``'s).

An ``Analysis`` is one text of a document through ``process_source``, with the byte offsets
of its findings turned into positions once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lsprotocol import types as lsp

from gomend.engine.cli.report import severity
from gomend.engine.codemod import Finding, Safety
from gomend.engine.go.source import BOM
from gomend.engine.lsp.positions import Lines, text_edits
from gomend.engine.registry import codemod_ids
from gomend.engine.run.fixpoint import apply_fix
from gomend.engine.run.result import FileResult

# each codemod's section of the catalogue (docs/codemods.md: a "## <id>" heading per codemod)
DOCS = "https://github.com/gomend/gomend/blob/main/docs/codemods.md#"
FIX_ALL = "source.fixAll.gomend"
REASON = "TODO: say why"  # the placeholder a suppression's reason starts as


@dataclass
class Analysis:
    """One text of a document and what gomend found in it."""

    uri: str
    source: str  # the document's text, as the client sent it
    raw: bytes  # that text in UTF-8
    result: FileResult
    lines: Lines

    @property
    def body(self) -> bytes:
        """The text the findings' offsets count in: without a byte order mark."""
        return self.raw[len(BOM) :] if self.raw.startswith(BOM) else self.raw

    def range_of(self, finding: Finding) -> lsp.Range:
        shift = len(self.raw) - len(self.body)
        return self.lines.range(finding.start_byte + shift, finding.end_byte + shift)

    def edit(self, new_body: bytes) -> lsp.WorkspaceEdit:
        """The edit that turns the document into ``new_body`` (with its byte order mark)."""
        new = self.raw[: len(self.raw) - len(self.body)] + new_body
        return lsp.WorkspaceEdit(changes={self.uri: text_edits(self.raw, new, self.lines.encoding)})


def diagnostic(analysis: Analysis, finding: Finding) -> lsp.Diagnostic:
    """A finding as an editor shows it, with a link to its rule's documentation."""
    known = finding.rule in codemod_ids()
    return lsp.Diagnostic(
        range=analysis.range_of(finding),
        message=finding.message,
        severity=(
            lsp.DiagnosticSeverity.Error
            if severity(finding.rule) == "error"
            else lsp.DiagnosticSeverity.Warning
        ),
        code=finding.rule,
        code_description=lsp.CodeDescription(href=DOCS + finding.rule) if known else None,
        source="gomend",
    )


def finding_actions(analysis: Analysis, finding: Finding) -> list[lsp.CodeAction]:
    """The finding's fix (preferred when safe, labelled when not) and, for a codemod's
    finding, the ``//gomend:ignore`` comment on the line above it. A file that does not
    parse gets no fix, as ``gomend fix`` rewrites none."""
    diagnostics = [diagnostic(analysis, finding)]
    actions = []
    if finding.fix is not None and analysis.result.syntax_error is None:
        crlf = b"\r\n" in analysis.body
        new = apply_fix(analysis.body, finding, crlf)
        if new != analysis.body:
            safe = finding.safety == Safety.SAFE
            actions.append(
                lsp.CodeAction(
                    title=f"Fix {finding.rule}" + ("" if safe else " (unsafe)"),
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=diagnostics,
                    is_preferred=safe,
                    edit=analysis.edit(new),
                )
            )
    if finding.rule in codemod_ids():
        actions.append(
            lsp.CodeAction(
                title=f"Suppress with //gomend:ignore {finding.rule}",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=diagnostics,
                edit=lsp.WorkspaceEdit(changes={analysis.uri: [suppression(analysis, finding)]}),
            )
        )
    return actions


def suppression(analysis: Analysis, finding: Finding) -> lsp.TextEdit:
    """A ``//gomend:ignore ID reason`` line above the finding's first line, indented as that
    line is: a comment alone on its line silences the findings of the next one
    (``engine/run/suppress.py``). Its reason is a placeholder, for the author to replace."""
    start = analysis.range_of(finding).start
    line = analysis.lines.line(start.line)
    indent = line[: len(line) - len(line.lstrip(b" \t"))]
    newline = "\r\n" if line.endswith(b"\r\n") else "\n"
    text = f"{indent.decode()}//gomend:ignore {finding.rule} {REASON}{newline}"
    at = lsp.Position(line=start.line, character=0)
    return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=text)


def fix_all(analysis: Analysis) -> lsp.CodeAction | None:
    """Every fix ``gomend fix`` would apply to the text (none: no action)."""
    after = analysis.result.after
    if after is None or after == analysis.raw:
        return None
    new_body = after[len(BOM) :] if after.startswith(BOM) else after
    return lsp.CodeAction(
        title="Fix all safe gomend findings",
        kind=FIX_ALL,
        edit=analysis.edit(new_body),
    )


@lru_cache(maxsize=64)
def explain_text(rule: str) -> str:
    """What ``gomend explain RULE`` prints (engine/cli/check.py)."""
    from gomend.engine.cli.check import explanation  # the cli's imports, on the first hover

    return (explanation(rule) or "").strip()

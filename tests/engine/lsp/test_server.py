"""``gomend lsp`` through a real LSP client (pytest-lsp): the server started as an editor
starts it, a Go module in a temporary folder, and what the editor is sent back: diagnostics
on open and on change, code actions whose edits give what ``gomend fix`` gives, positions
in UTF-16 or UTF-8, hovers, and a clean exit."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[3]
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "gomend", "lsp"])

FETCH = """package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// Fetch waits at most a second for the call: déjà vu, 😀.
func Fetch(parent context.Context) error {
	/* é😀 */ ctx, _ := context.WithTimeout(parent, time.Second)
	return call(ctx)
}
"""
CALL = "context.WithTimeout(parent, time.Second)"
# without the comment before the call (which the fix would move, so there is none)
FIXABLE = FETCH.replace("/* é😀 */ ", "")
LIMIT = """package main

import "runtime/debug"

func main() {
	debug.SetMemoryLimit(50 * 1024 * 1024)
}
"""


def gomend(*args: str, text: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "gomend", *args], input=text.encode(), cwd=cwd, capture_output=True
    )
    return done.stdout.decode()


def _index(text: str, position: lsp.Position, encoding: str) -> int:
    """The index in ``text`` of an LSP position counted in ``encoding``'s code units."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for at, char in enumerate(line):
        if units >= position.character:
            return start + at
        units += len(char.encode("utf-8" if encoding == "utf-8" else "utf-16-le")) // (
            1 if encoding == "utf-8" else 2
        )
    return start + len(line)


def apply(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    spans = [
        (_index(text, e.range.start, encoding), _index(text, e.range.end, encoding), e.new_text)
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def covered(text: str, span: lsp.Range, encoding: str = "utf-16") -> str:
    return text[_index(text, span.start, encoding) : _index(text, span.end, encoding)]


async def start(client: LanguageClient, tmp_path: Path, encodings: list[str] | None) -> None:
    (tmp_path / "go.mod").write_text("module example.com/fetch\n\ngo 1.24\n")
    capabilities = client_capabilities("visual-studio-code")
    if encodings is not None:
        capabilities.general = lsp.GeneralClientCapabilities(position_encodings=encodings)
    await client.initialize_session(
        lsp.InitializeParams(capabilities=capabilities, root_uri=tmp_path.as_uri())
    )


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await start(lsp_client, tmp_path, None)
    yield
    server = lsp_client._server
    assert server is not None
    if server.returncode is None:  # a test that shut it down itself has checked
        await lsp_client.shutdown_session()
        assert server.returncode == 0


@pytest_lsp.fixture(config=SERVER)
async def utf8_client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await start(lsp_client, tmp_path, ["utf-8", "utf-16"])
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, path: Path, text: str) -> list[lsp.Diagnostic]:
    item = lsp.TextDocumentItem(uri=path.as_uri(), language_id="go", version=1, text=text)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[item.uri])


async def change_document(
    client: LanguageClient, path: Path, text: str, version: int
) -> list[lsp.Diagnostic]:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


async def code_actions(
    client: LanguageClient, path: Path, span: lsp.Range, only: list[str] | None = None
) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()),
            range=span,
            context=lsp.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in found or [] if isinstance(a, lsp.CodeAction)]


def edits_of(action: lsp.CodeAction, path: Path) -> list[lsp.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[path.as_uri()])


@pytest.mark.asyncio
async def test_open_reports_the_finding_at_its_utf16_range(
    client: LanguageClient, tmp_path: Path
) -> None:
    (diagnostic,) = await open_document(client, tmp_path / "fetch.go", FETCH)
    assert diagnostic.code == "lost-cancel"
    assert diagnostic.source == "gomend"
    assert diagnostic.severity == lsp.DiagnosticSeverity.Warning
    # "\t/* é😀 */ ctx, _ := " is 21 UTF-16 code units (😀 counts two) and 24 bytes
    assert diagnostic.range.start == lsp.Position(line=11, character=21)
    assert covered(FETCH, diagnostic.range) == CALL
    assert diagnostic.code_description is not None
    href = diagnostic.code_description.href
    assert href == "https://github.com/gomend/gomend/blob/main/docs/codemods.md#lost-cancel"
    assert "\n## lost-cancel\n" in (ROOT / "docs" / "codemods.md").read_text()


@pytest.mark.asyncio
async def test_utf8_positions_when_the_client_offers_them(
    utf8_client: LanguageClient, tmp_path: Path
) -> None:
    (diagnostic,) = await open_document(utf8_client, tmp_path / "fetch.go", FETCH)
    assert diagnostic.range.start == lsp.Position(line=11, character=24)
    assert covered(FETCH, diagnostic.range, "utf-8") == CALL


@pytest.mark.asyncio
async def test_safe_fix_gives_what_gomend_fix_gives(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "fetch.go"
    (diagnostic,) = await open_document(client, path, FIXABLE)
    actions = await code_actions(client, path, diagnostic.range)
    fixes = [a for a in actions if a.is_preferred]
    assert [a.kind for a in fixes] == [lsp.CodeActionKind.QuickFix]
    fixed = apply(FIXABLE, edits_of(fixes[0], path))
    expected = gomend("fix", "--stdin-filename", "fetch.go", text=FIXABLE, cwd=tmp_path)
    assert "defer cancel()" in expected
    assert fixed == expected
    # the edit is the changed lines only, not the whole file
    assert all(e.range.start.line >= 11 for e in edits_of(fixes[0], path))
    assert await change_document(client, path, fixed, 2) == []


@pytest.mark.asyncio
async def test_fix_all_source_action(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "fetch.go"
    await open_document(client, path, FIXABLE)
    everywhere = lsp.Range(
        start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)
    )
    (action,) = await code_actions(client, path, everywhere, only=["source.fixAll"])
    assert action.kind == "source.fixAll.gomend"
    assert action.title == "Fix all safe gomend findings"
    expected = gomend("fix", "--stdin-filename", "fetch.go", text=FIXABLE, cwd=tmp_path)
    assert apply(FIXABLE, edits_of(action, path)) == expected
    assert await code_actions(client, path, everywhere, only=["quickfix"]) == []


@pytest.mark.asyncio
async def test_unsafe_fix_is_labelled_and_not_preferred(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "main.go"
    (diagnostic,) = await open_document(client, path, LIMIT)
    assert diagnostic.code == "tight-memory-limit"
    actions = await code_actions(client, path, diagnostic.range)
    (unsafe,) = [a for a in actions if "(unsafe)" in a.title]
    assert not unsafe.is_preferred
    expected = gomend(
        "fix", "--unsafe-fixes", "--stdin-filename", "main.go", text=LIMIT, cwd=tmp_path
    )
    assert apply(LIMIT, edits_of(unsafe, path)) == expected
    # gomend fix applies no unsafe fix without --unsafe-fixes: no fix-all action either
    assert not [a for a in actions if a.kind == "source.fixAll.gomend"]


@pytest.mark.asyncio
async def test_no_fix_action_for_a_finding_without_a_fix(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "fetch.go"
    (diagnostic,) = await open_document(client, path, FETCH)
    assert diagnostic.message.endswith("keep it and call it")  # reported without a fix
    actions = await code_actions(client, path, diagnostic.range)
    assert [a.title for a in actions] == ["Suppress with //gomend:ignore lost-cancel"]


@pytest.mark.asyncio
async def test_suppression_action_silences_the_finding(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "fetch.go"
    (diagnostic,) = await open_document(client, path, FETCH)
    actions = await code_actions(client, path, diagnostic.range)
    (suppress,) = [a for a in actions if a.title == "Suppress with //gomend:ignore lost-cancel"]
    suppressed = apply(FETCH, edits_of(suppress, path))
    assert "\t//gomend:ignore lost-cancel TODO: say why\n\t/* é😀 */ ctx, _ :=" in suppressed
    # silenced, and its reason given: no suppression-without-reason either
    assert await change_document(client, path, suppressed, 2) == []
    unexplained = suppressed.replace(" TODO: say why", "")
    (left,) = await change_document(client, path, unexplained, 3)
    assert left.code == "suppression-without-reason"


@pytest.mark.asyncio
async def test_change_updates_the_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "fetch.go"
    assert len(await open_document(client, path, FETCH)) == 1
    kept = FETCH.replace("ctx, _ :=", "ctx, cancel :=").replace(
        "\treturn call(ctx)", "\tdefer cancel()\n\treturn call(ctx)"
    )
    assert await change_document(client, path, kept, 2) == []
    (back,) = await change_document(client, path, "// moved down\n" + FETCH, 3)
    assert back.range.start == lsp.Position(line=12, character=21)


@pytest.mark.asyncio
async def test_syntax_error_is_a_diagnostic(client: LanguageClient, tmp_path: Path) -> None:
    broken = "package fetch\n\nfunc f() {\n\tx := \n}\n"
    (diagnostic,) = await open_document(client, tmp_path / "broken.go", broken)
    assert diagnostic.code == "syntax-error"
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error


@pytest.mark.asyncio
async def test_configuration_applies(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "gomend.toml").write_text('ignore = ["lost-cancel"]\n')
    assert await open_document(client, tmp_path / "fetch.go", FETCH) == []


@pytest.mark.asyncio
async def test_an_excluded_file_gets_no_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "gomend.toml").write_text('exclude = ["legacy/"]\n')
    (tmp_path / "legacy").mkdir()
    assert await open_document(client, tmp_path / "legacy" / "fetch.go", FETCH) == []
    (diagnostic,) = await open_document(client, tmp_path / "fetch.go", FETCH)
    assert diagnostic.code == "lost-cancel"


@pytest.mark.asyncio
async def test_hover_shows_gomend_explain(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "fetch.go"
    (diagnostic,) = await open_document(client, path, FETCH)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()),
            position=lsp.Position(line=11, character=30),
        )
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value == gomend("explain", "lost-cancel", text="", cwd=tmp_path).strip()
    assert hover.contents.value.startswith("lost-cancel: Keep and call the cancel function")
    assert hover.range == diagnostic.range
    elsewhere = lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()),
        position=lsp.Position(line=0, character=2),
    )
    assert await client.text_document_hover_async(elsewhere) is None


@pytest.mark.asyncio
async def test_shutdown_and_exit_end_the_process_with_0(client: LanguageClient) -> None:
    server = client._server
    assert server is not None
    await client.shutdown_session()
    assert server.returncode == 0

"""Benchmark: ``gomend lsp``'s answer to an edit, as an editor waits for it.

Writes a Go file of about 2,000 lines with a few findings, starts ``gomend lsp`` as a child
process, opens the file, then sends whole-text didChange notifications (each changing one
line) and times each one until the publishDiagnostics of that version arrives; prints the
median and the slowest.

    python bench/lsp.py [--lines 2000] [--changes 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

WORK = """// work{i} sums the squares of the values it is given.
func work{i}(values []int) int {{
	total := 0
	for _, v := range values {{
		total += v * v
	}}
	return total
}}
"""
FINDING = """func fetch{i}(parent context.Context) error {{
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}}
"""


def source(lines: int, findings: int = 4) -> str:
    head = 'package bench\n\nimport (\n\t"context"\n\t"time"\n)\n\n'
    parts = [FINDING.format(i=i) for i in range(findings)]
    count = 0
    while count < lines - head.count("\n") - 4 * findings:
        parts.append(WORK.format(i=count))
        count += WORK.count("\n")
    return head + "\n".join(parts)


async def measure(lines: int, changes: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="gomend-lsp-bench-"))
    (folder / "go.mod").write_text("module example.com/bench\n\ngo 1.24\n")
    path = folder / "bench.go"
    text = source(lines)
    path.write_text(text)
    uri = path.as_uri()
    published: asyncio.Queue[lsp.PublishDiagnosticsParams] = asyncio.Queue()
    client = LanguageClient("gomend-bench", "1")

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    async def diagnostics_of(version: int) -> list[lsp.Diagnostic]:
        while True:
            params = await published.get()
            if params.version == version:
                return list(params.diagnostics)

    await client.start_io(sys.executable, "-m", "gomend", "lsp")
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=folder.as_uri())
    )
    client.initialized(lsp.InitializedParams())
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=text)
        )
    )
    found = await diagnostics_of(1)
    print(f"{text.count(chr(10))} lines, {len(found)} findings")
    times = []
    for version in range(2, changes + 2):
        changed = text.replace("total := 0", f"total := {version}", 1)
        started = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        await diagnostics_of(version)
        times.append(time.perf_counter() - started)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args()
    times = asyncio.run(measure(args.lines, args.changes))
    print(
        f"didChange to publishDiagnostics: median {statistics.median(times) * 1000:.0f} ms, "
        f"slowest {max(times) * 1000:.0f} ms over {len(times)} changes"
    )


if __name__ == "__main__":
    main()

"""The text of one Go file as gomend sees it: bytes without a BOM, newline style, final newline.

Everything that edits a file works on ``SourceText.body`` (no BOM) and puts the file back
together with ``SourceText.rebuild`` so that a BOM, CRLF newlines and a missing final
newline survive every rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"


class NotGoText(ValueError):
    """The bytes cannot be Go source (not UTF-8, or NUL bytes)."""


@dataclass(frozen=True)
class SourceText:
    body: bytes
    bom: bool
    crlf: bool

    @classmethod
    def from_bytes(cls, raw: bytes) -> SourceText:
        bom = raw.startswith(BOM)
        body = raw[len(BOM) :] if bom else raw
        if b"\x00" in body:
            raise NotGoText("file holds NUL bytes")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotGoText(f"not UTF-8 (byte {exc.start})") from None
        return cls(body=body, bom=bom, crlf=b"\r\n" in body)

    @property
    def newline(self) -> bytes:
        return b"\r\n" if self.crlf else b"\n"

    def with_body(self, body: bytes) -> SourceText:
        return SourceText(body=body, bom=self.bom, crlf=self.crlf)

    def rebuild(self) -> bytes:
        return (BOM + self.body) if self.bom else self.body

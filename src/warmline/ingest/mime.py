"""A small, lenient MIME reader: headers, parts, transfer decoding.

The stdlib `email` feed parser is thorough but slow for bulk import (it builds
a full object tree with defect tracking for every message). warmline needs
only a few headers, the text parts and the attachment names, so this reader
splits messages itself with byte-level searches and C-accelerated decoders
(binascii). Anything it cannot make sense of degrades to "no text" rather
than failing: a mailbox must import even when one message is malformed.
"""

from __future__ import annotations

import binascii
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_MAX_DEPTH = 12


@dataclass(slots=True)
class Part:
    """One MIME entity: lower-cased header names to raw values, and the raw body."""

    headers: dict[str, list[str]]
    body: bytes

    def get(self, name: str) -> str:
        values = self.headers.get(name)
        return values[0] if values else ""

    def all(self, name: str) -> list[str]:
        return self.headers.get(name, [])

    @property
    def content_type(self) -> str:
        value = self.get("content-type")
        if not value:
            return "text/plain"
        main = value.split(";", 1)[0].strip().lower()
        return main if "/" in main else "text/plain"

    def param(self, name: str, header: str = "content-type") -> str:
        return params(self.get(header)).get(name, "")

    @property
    def disposition(self) -> str:
        return self.get("content-disposition").split(";", 1)[0].strip().lower()

    @property
    def filename(self) -> str:
        name = params(self.get("content-disposition")).get("filename", "")
        return name or params(self.get("content-type")).get("name", "")

    @property
    def charset(self) -> str:
        return self.param("charset").lower()


def split_head(data: bytes) -> tuple[bytes, bytes]:
    """(header block, body) at the first empty line."""
    lf = data.find(b"\n\n")
    crlf = data.find(b"\r\n\r\n")
    if crlf != -1 and (lf == -1 or crlf < lf):
        return data[:crlf], data[crlf + 4 :]
    if lf != -1:
        return data[:lf], data[lf + 2 :]
    if data.startswith((b"\n", b"\r\n")):
        return b"", data.lstrip(b"\r\n")
    return data, b""


_FOLD = re.compile(r"\r?\n[ \t]+")


def parse_headers(block: bytes) -> dict[str, list[str]]:
    """Header block to {lower-case name: [values]}; folds undone; 8-bit kept as surrogates.

    A line that is neither a header nor indented is taken as a continuation of
    the header above (clients that forget to indent a folded encoded word).
    """
    text = _FOLD.sub(" ", block.decode("ascii", "surrogateescape"))
    headers: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in text.split("\n"):
        key, sep, rest = line.partition(":")
        if sep and key and " " not in key and "\t" not in key:
            name = key.lower()
            value = rest.strip()
            last = headers.get(name)
            if last is None:
                last = headers[name] = [value]
            else:
                last.append(value)
        elif last is not None and line.strip():
            last[-1] = f"{last[-1]} {line.strip()}"
    return headers


def params(value: str) -> dict[str, str]:
    """Parameters of a Content-Type/Content-Disposition value, RFC 2231 included."""
    if ";" not in value:
        return {}
    found: dict[str, str] = {}
    pieces: dict[str, dict[int, tuple[str, bool]]] = {}
    for m in _PARAM.finditer(value):
        key = m.group(1).lower()
        raw = m.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if "*" in key:
            base, _, rest = key.partition("*")
            extended = rest.endswith("*") or rest == ""
            index = int(rest.rstrip("*")) if rest.rstrip("*").isdigit() else 0
            pieces.setdefault(base, {})[index] = (raw, extended)
        else:
            found.setdefault(key, raw)
    for base, parts in pieces.items():
        joined = ""
        charset = "utf-8"
        for i in sorted(parts):
            raw, extended = parts[i]
            if extended:
                if i == 0 and raw.count("'") >= 2:
                    charset, _, raw = raw.split("'", 2)
                    charset = charset or "utf-8"
                try:
                    raw = urllib.parse.unquote(raw, encoding=charset or "utf-8", errors="replace")
                except LookupError:
                    raw = urllib.parse.unquote(raw, errors="replace")
            joined += raw
        found[base] = joined
    return found


def read_part(data: bytes) -> Part:
    head, body = split_head(data)
    return Part(parse_headers(head), body)


def decoded(part: Part) -> bytes:
    """The body with its Content-Transfer-Encoding undone (leniently)."""
    cte = part.get("content-transfer-encoding").strip().lower()
    body = part.body
    if cte == "base64":
        try:
            return binascii.a2b_base64(body)
        except (binascii.Error, ValueError):
            cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", body)
            cleaned = cleaned[: len(cleaned) - len(cleaned) % 4]
            try:
                return binascii.a2b_base64(cleaned)
            except (binascii.Error, ValueError):
                return b""
    if cte == "quoted-printable":
        return binascii.a2b_qp(body)
    return body


def children(part: Part) -> list[Part]:
    """The sub-parts of a multipart entity (empty when the boundary is missing)."""
    boundary = part.param("boundary")
    if not boundary:
        return []
    delimiter = re.compile(
        rb"(?:^|\r?\n)--"
        + re.escape(boundary.encode("latin-1", "replace"))
        + rb"(--)?[ \t]*(?=\r?\n|$)"
    )
    out: list[Part] = []
    start: int | None = None
    for m in delimiter.finditer(part.body):
        if start is not None:
            out.append(read_part(_drop_line_end(part.body[start : m.start()])))
        if m.group(1):
            start = None
            break
        start = m.end()
    if start is not None:
        out.append(read_part(_drop_line_end(part.body[start:])))
    return out


def _drop_line_end(chunk: bytes) -> bytes:
    if chunk.startswith(b"\r\n"):
        return chunk[2:]
    if chunk.startswith(b"\n"):
        return chunk[1:]
    return chunk


def walk(part: Part, depth: int = 0) -> Iterator[Part]:
    """Leaf parts in order; message/rfc822 parts are leaves (attached mails)."""
    ctype = part.content_type
    if ctype.startswith("multipart/") and depth < _MAX_DEPTH:
        subs = children(part)
        if subs:
            for sub in subs:
                yield from walk(sub, depth + 1)
            return
        # A multipart with no readable parts: treat the body as text.
        yield Part({"content-type": ["text/plain"]}, part.body)
        return
    yield part

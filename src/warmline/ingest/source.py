"""Opening exports: byte streams, text lines with numbers, sniffing, clear errors."""

from __future__ import annotations

import codecs
import contextlib
import io
import shutil
import tempfile
from collections.abc import Iterator
from typing import IO

from warmline.core.error import WarmlineError

SNIFF_BYTES = 64 * 1024
# Spool a non-seekable stream (a paste, a pipe) to disk once it passes this size.
SPOOL_BYTES = 8 * 1024 * 1024


def corrupt(name: str, where: str, what: str) -> WarmlineError:
    """The one-line error for a file that cannot be read: file, position, what to do."""
    return WarmlineError(f"{name}: {where}: {what}")


def seekable(stream: IO[bytes]) -> IO[bytes]:
    """The stream itself when it can seek; else a spooled copy (bounded memory)."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError):
        pass
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned
    shutil.copyfileobj(stream, spool)
    spool.seek(0)
    return spool


def head(stream: IO[bytes], size: int = SNIFF_BYTES) -> bytes:
    """The first `size` bytes of a seekable stream, leaving its position unchanged."""
    pos = stream.tell()
    data = stream.read(size)
    stream.seek(pos)
    return data


def sniff_encoding(data: bytes) -> str:
    """The text encoding of a file from its first bytes.

    BOMs decide first; then UTF-8 if the sample is valid UTF-8 (a character cut
    at the sample's end is allowed); otherwise GB18030, the superset of GBK that
    Chinese Windows Notepad writes as "ANSI".
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(data, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(data, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        return "utf-8"  # let the reader name the bad line


def text_lines(
    stream: IO[bytes], name: str, encoding: str | None = None
) -> Iterator[tuple[int, str]]:
    """(line number, line without its end) for a byte stream, decoded strictly.

    CRLF ends are normalised; a BOM is dropped. A byte that does not decode
    raises a WarmlineError naming the file and the exact line.
    """
    if encoding is None:
        if not stream.seekable():
            raise ValueError("text_lines needs a seekable stream or an explicit encoding")
        encoding = sniff_encoding(head(stream))
    if encoding == "utf-16":
        yield from _wide_lines(stream, name)
        return
    if encoding == "utf-8-sig":
        if stream.read(3) != codecs.BOM_UTF8:
            raise ValueError("utf-8-sig stream without a BOM")
        encoding = "utf-8"
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise corrupt(
                name,
                f"line {number}",
                f"bytes that are not valid {encoding} text ({exc.reason}); "
                "export the chat again or save the file as UTF-8",
            ) from exc
        if line.endswith("\n"):
            line = line[:-2] if line.endswith("\r\n") else line[:-1]
        elif line.endswith("\r"):
            line = line[:-1]
        yield number, line


def _wide_lines(stream: IO[bytes], name: str) -> Iterator[tuple[int, str]]:
    wrapper = io.TextIOWrapper(stream, encoding="utf-16", errors="strict", newline=None)
    number = 0
    try:
        while True:
            try:
                line = wrapper.readline()
            except UnicodeDecodeError as exc:
                raise corrupt(
                    name, f"after line {number}", f"bytes that are not valid UTF-16 ({exc.reason})"
                ) from exc
            if not line:
                return
            number += 1
            yield number, line.rstrip("\n")
    finally:
        with contextlib.suppress(ValueError):
            wrapper.detach()

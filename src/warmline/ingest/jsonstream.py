"""Reading one large JSON document piece by piece, without loading it whole.

Telegram's result.json can hold hundreds of thousands of messages in one
array. JsonReader walks the document's objects and arrays itself and decodes
one element at a time with the stdlib decoder, so memory is bounded by the
largest single message, not the file. Positions in errors are line numbers.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from warmline.ingest.source import corrupt

_CHUNK = 256 * 1024
_MAX_VALUE_CHARS = 32 * 1024 * 1024
_WS = " \t\r\n"
# Telegram Desktop writes some control characters as \xHH, which JSON forbids.
_BAD_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")
_DECODER = json.JSONDecoder()


class JsonReader:
    """A cursor over a JSON document read from a byte stream in chunks."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self._stream = stream
        self._decode = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.name = name
        self._buf = ""
        self._pos = 0
        self._line = 1  # line number of self._buf[0]
        self._eof = False

    # -- buffer -------------------------------------------------------------
    def _fill(self) -> bool:
        """Read more text; False at the end of the file."""
        if self._eof:
            return False
        data = self._stream.read(_CHUNK)
        try:
            text = self._decode.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise corrupt(self.name, self.where(), f"not UTF-8 text ({exc.reason})") from exc
        if self._pos:
            self._line += self._buf.count("\n", 0, self._pos)
            self._buf = self._buf[self._pos :]
            self._pos = 0
        self._buf += text
        if not data:
            self._eof = True
        return bool(data) or bool(text)

    def where(self, offset: int = 0) -> str:
        return f"line {self._line + self._buf.count(chr(10), 0, self._pos + offset)}"

    def peek(self) -> str:
        """The next non-space character ('' at the end), without consuming it."""
        while True:
            buf = self._buf
            n = len(buf)
            pos = self._pos
            while pos < n and buf[pos] in _WS:
                pos += 1
            self._pos = pos
            if pos < n:
                return buf[pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        got = self.peek()
        if got != char:
            found = repr(got) if got else "the end of the file"
            raise corrupt(
                self.name,
                self.where(),
                f"expected {char!r} but found {found}: the file is truncated or not this format",
            )
        self._pos += 1

    # -- values -------------------------------------------------------------
    def value(self) -> Any:
        """Decode the next complete JSON value."""
        if not self.peek():
            raise corrupt(self.name, self.where(), "the file ends early (truncated); export again")
        sanitized = False
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if "escape" in exc.msg and not sanitized and "\\x" in self._buf:
                    self._buf = self._buf[: self._pos] + _BAD_ESCAPE.sub(
                        r"\1\\u00\2", self._buf[self._pos :]
                    )
                    sanitized = True
                    continue
                if not self._eof and len(self._buf) - self._pos < _MAX_VALUE_CHARS:
                    self._fill()
                    continue
                if self._eof and (
                    exc.pos >= len(self._buf) - 1 or exc.msg.startswith("Unterminated")
                ):
                    raise corrupt(
                        self.name,
                        self.where(),
                        f"the file ends in the middle of this value ({exc.msg}): it is "
                        "truncated; export again",
                    ) from exc
                raise corrupt(
                    self.name,
                    self.where(exc.pos - self._pos),
                    f"invalid JSON ({exc.msg}); export again",
                ) from exc
            if end >= len(self._buf) and not self._eof:
                # A number or literal may continue in the next chunk.
                self._fill()
                continue
            self._pos = end
            return value

    def skip(self) -> None:
        """Consume the next value (objects and arrays element by element)."""
        first = self.peek()
        if first == "{":
            for _ in self.object_keys():
                self.skip()
        elif first == "[":
            for _ in self.array_items():
                self.skip()
        else:
            self.value()

    def object_keys(self) -> Iterator[str]:
        """Keys of the next object; the caller consumes each key's value before the next."""
        self.expect("{")
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise corrupt(self.name, self.where(), "an object key is not a string")
            self.expect(":")
            yield key
            nxt = self.peek()
            self._pos += 1
            if nxt == "}":
                return
            if nxt != ",":
                raise corrupt(
                    self.name,
                    self.where(-1),
                    "expected ',' or '}' in an object: the file is truncated or damaged",
                )

    def array_items(self) -> Iterator[int]:
        """Indexes of the next array's elements; the caller consumes each element."""
        self.expect("[")
        if self.peek() == "]":
            self._pos += 1
            return
        index = 0
        while True:
            yield index
            index += 1
            nxt = self.peek()
            self._pos += 1
            if nxt == "]":
                return
            if nxt != ",":
                raise corrupt(
                    self.name,
                    self.where(-1),
                    "expected ',' or ']' in an array: the file is truncated or damaged",
                )

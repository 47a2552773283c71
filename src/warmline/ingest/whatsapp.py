"""WhatsApp "Export chat": the .txt (Android and iOS) and the .zip that holds `_chat.txt`.

A message starts with a header line, `DATE, TIME - Author: text` (Android) or
`[DATE, TIME] Author: text` (iOS); any other line continues the message above.
Date order, separators, year digits, 12/24-hour clocks and AM/PM words follow
the phone's locale, so the date order is inferred from the whole file before
parsing (a first field above 12 means day first; a second above 12 means month
first; otherwise the order that keeps the chat in time order wins). Times are
the phone's wall clock: they are read in the `zone` the caller passes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Literal

from warmline.core.error import WarmlineError
from warmline.ingest.record import ImportedMessage, content_id
from warmline.ingest.source import corrupt, head, seekable, sniff_encoding, text_lines
from warmline.ingest.wallclock import WallClock

DateOrder = Literal["dmy", "mdy", "ymd"]
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy", "ymd")

# Invisible marks WhatsApp puts around headers, names and tokens (LRM, RLM, ALM,
# bidi embeddings and isolates, BOM). They carry no meaning for us.
_MARKS = dict.fromkeys(
    [8206, 8207, 1564, 8234, 8235, 8236, 8237, 8238, 65279, *list(range(8294, 8298))]
)
_LRM = ("\u200e", "\u200f")
_INNER_MARK = re.compile("[\u200e\u200f]")

_DATE = (
    r"(?P<a>\d{1,4})(?P<sep>[./-])\s?(?P<b>\d{1,2})(?P=sep)\s?"
    r"(?P<era>[RHST])?(?P<c>\d{1,4})(?P<be>\s?BE)?\.?"
    r"|(?P<zy>\d{4})年(?P<zm>\d{1,2})月(?P<zd>\d{1,2})日"
)
_DAYPART = r"上午|下午|中午|凌晨|早上|晚上|午前|午後|오전|오후"
_AMPM = r"[AaPp]\.?\s?[Mm]\.?|ص|م|上午|下午|中午|凌晨|晚上"
_TIME = (
    r"(?:(?P<pre>" + _DAYPART + r")\s?)?"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?\.?"
    r"(?:\s?(?P<ampm>" + _AMPM + r"))?"
)
_HEADER = re.compile(
    r"^(?P<open>\[)?\s?"
    r"(?:(?:" + _DATE + r")[,،]?\s*" + _TIME + r")"
    r"(?(open)\]\s?|\s?[-\u2013]\s)"
    r"(?P<rest>.*)$"
)
# Vietnamese iOS writes the time first: [14:56:01, 3/18/22]
_HEADER_TIME_FIRST = re.compile(
    r"^\[\s?(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?"
    r"(?:\s?(?P<ampm>" + _AMPM + r"))?,\s"
    r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<era>[RHST])?(?P<c>\d{1,4})(?P<be>\s?BE)?"
    r"\]\s?(?P<rest>.*)$"
)

_PREAMBLE_LINES = 20
_ERA_BASE = {"R": 2018, "H": 1988, "S": 1925, "T": 1911}

# Media and markers. Android: "<Media omitted>" (localised, always in <>),
# "IMG-....jpg (file attached)"; iOS: "<attached: NAME>" or "image omitted".
_ATTACHED = re.compile(r"^<attached: (?P<name>[^<>]+)>\s*(?P<caption>.*)$", re.DOTALL)
_FILE_ATTACHED = re.compile(r"^(?P<name>\S[^\n]*?\.\w{1,5}) \((?:file attached|文件附件)\)$")
_ANGLE_PLACEHOLDER = re.compile(r"^<[^<>\n]{2,40}>$")
_OMITTED = re.compile(
    r"^(?:image|video|audio|sticker|GIF|document|Contact card|media) omitted$"
    r"|^(?:图片|视频|音频|贴图|动图|文档|联系人名片|图像)(?:已忽略|已省略)$"
    r"|^已忽略(?:图片|视频|音频|贴图|动图|文档)$",
    re.IGNORECASE,
)
_DELETED = re.compile(
    r"^(?:This message was deleted|You deleted this message|此消息已删除|你删除了此消息|您删除了此消息)[.。]?$"
)
_EDITED = re.compile(r"\s*<(?:This message was edited|此消息已编辑|已编辑)>$")


@dataclass(slots=True)
class _Head:
    """A header line, read but not yet dated (the date order is decided per file)."""

    line: int
    a: int
    b: int
    c: int
    year_first: bool
    era: str
    buddhist: bool
    hour: int
    minute: int
    second: int
    ampm: str
    rest: str
    bracketed: bool


_MARK_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\ufeff\u2066-\u2069]")


def _clean(line: str) -> str:
    if line.isascii() or _MARK_RE.search(line) is None:
        return line
    return line.translate(_MARKS)


def match_header(raw: str, line_no: int = 0) -> _Head | None:
    """The header at the start of a line, or None when the line continues a message."""
    line = _clean(raw)
    if not line:
        return None
    first = line[0]
    if first != "[" and not first.isdigit():
        return None
    m = _HEADER.match(line)
    if m is None:
        m = _HEADER_TIME_FIRST.match(line)
        if m is None:
            return None
    g = m.groupdict()
    try:
        if g.get("zy"):
            a, b, c, year_first = int(g["zy"]), int(g["zm"]), int(g["zd"]), True
        else:
            a, b, c = int(g["a"]), int(g["b"]), int(g["c"])
            year_first = len(g["a"]) == 4 or a > 31
        hour, minute = int(g["h"]), int(g["m"])
        second = int(g["s"]) if g.get("s") else 0
    except (TypeError, ValueError):
        return None
    if minute > 59 or second > 59 or hour > 24:
        return None
    ampm = (g.get("ampm") or g.get("pre") or "").replace("\u202f", "").replace("\xa0", "")
    rest = g["rest"]
    bracketed = line.startswith("[")
    return _Head(
        line=line_no,
        a=a,
        b=b,
        c=c,
        year_first=year_first,
        era=g.get("era") or "",
        buddhist=bool(g.get("be")) or (not year_first and c > 2400) or (year_first and a > 2400),
        hour=hour,
        minute=minute,
        second=second,
        ampm=ampm,
        rest=rest,
        bracketed=bracketed,
    )


def _raw_rest(raw: str, head: _Head) -> str:
    """The message part of the raw line, with its invisible marks kept."""
    if raw.isascii() or _MARK_RE.search(raw) is None:
        return raw[len(raw) - len(head.rest) :] if head.rest else ""
    visible = 0
    target = len(_clean(raw)) - len(head.rest)
    for i, ch in enumerate(raw):
        if visible == target:
            return raw[i:]
        if ord(ch) not in _MARKS:
            visible += 1
    return ""


def _is_pm(ampm: str) -> bool | None:
    if not ampm:
        return None
    low = ampm.lower()
    if low.startswith("p") or ampm in ("م", "下午", "晚上", "午後", "오후"):
        return True
    if low.startswith("a") or ampm in ("ص", "上午", "凌晨", "早上", "午前", "오전"):
        return False
    if ampm == "中午":
        return True
    return None


def _year(value: int, era: str, buddhist: bool) -> int:
    if era:
        return _ERA_BASE[era] + value
    if buddhist:
        return value - 543
    if value < 100:
        return 2000 + value
    return value


def _datetime(h: _Head, order: DateOrder) -> datetime:
    if h.year_first:
        year, month, day = h.a, h.b, h.c
        year = _year(year, "", h.buddhist)
    elif order == "mdy":
        month, day, year = h.a, h.b, _year(h.c, h.era, h.buddhist)
    else:
        day, month, year = h.a, h.b, _year(h.c, h.era, h.buddhist)
    hour = h.hour
    pm = _is_pm(h.ampm)
    if pm is not None and hour <= 12:
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    if hour == 24:
        hour = 0
    return datetime(year, month, day, hour, h.minute, h.second)


@dataclass(slots=True)
class _OrderVote:
    """Evidence for the date order, gathered in one pass over the headers."""

    headers: int = 0
    day_first: int = 0
    month_first: int = 0
    back_dmy: int = 0
    back_mdy: int = 0
    twelve_hour: int = 0
    year_first: int = 0
    prev_dmy: tuple[int, int, int] | None = None
    prev_mdy: tuple[int, int, int] | None = None

    def add(self, h: _Head) -> None:
        self.headers += 1
        if h.ampm:
            self.twelve_hour += 1
        if h.year_first:
            self.year_first += 1
            return
        if h.a > 12:
            self.day_first += 1
        if h.b > 12:
            self.month_first += 1
        dmy = (h.c, h.b, h.a)
        mdy = (h.c, h.a, h.b)
        if self.prev_dmy is not None and dmy < self.prev_dmy:
            self.back_dmy += 1
        if self.prev_mdy is not None and mdy < self.prev_mdy:
            self.back_mdy += 1
        self.prev_dmy, self.prev_mdy = dmy, mdy

    @property
    def settled(self) -> bool:
        """A field above 12 (or a year first) decides the order for a consistent export."""
        return bool(self.day_first or self.month_first or self.year_first)

    def decide(self) -> DateOrder:
        if self.year_first and not (self.day_first or self.month_first):
            return "ymd"
        if self.day_first and not self.month_first:
            return "dmy"
        if self.month_first and not self.day_first:
            return "mdy"
        if self.back_dmy != self.back_mdy:
            return "dmy" if self.back_dmy < self.back_mdy else "mdy"
        # No evidence either way: 12-hour clocks are mostly US phones (m/d).
        return "mdy" if self.twelve_hour * 2 > self.headers else "dmy"


def infer_date_order(stream: IO[bytes], name: str) -> DateOrder:
    """The file's date order, from its headers up to the first deciding one (rewound after)."""
    start = stream.tell()
    vote = _OrderVote()
    for number, line in text_lines(stream, name):
        h = match_header(line, number)
        if h is not None:
            vote.add(h)
            if vote.settled:
                break
    stream.seek(start)
    return vote.decide()


def thread_from_name(name: str) -> str:
    """The chat's name from the export's file name ("WhatsApp Chat with Ana.txt" -> "Ana")."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    for suffix in (".txt", ".zip"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    for prefix in (
        "WhatsApp Chat with ",
        "WhatsApp Chat - ",
        "WhatsApp Chat \u2013 ",
        "WhatsApp 聊天 - ",
    ):
        if stem.startswith(prefix):
            return stem[len(prefix) :].strip()
    m = re.match(r"^与(.+)的 ?WhatsApp ?聊天$", stem)
    if m:
        return m.group(1).strip()
    return stem.strip() or "WhatsApp"


def _split_author(rest: str, raw_rest: str) -> tuple[str, str, bool]:
    """(author, raw text, is_system) from what follows the header."""
    idx = rest.find(": ")
    if idx > 0:
        author = rest[:idx]
        # Android system lines have no author; a "name" with quotes is a system line
        # such as: X changed the subject from "a: b".
        if '"' not in author and "“" not in author:
            raw_idx = raw_rest.find(": ")
            text = raw_rest[raw_idx + 2 :] if raw_idx >= 0 else rest[idx + 2 :]
            return author.strip(), text, False
    if rest.endswith(":") and len(rest) > 1:
        return rest[:-1].strip(), "", False
    if rest.endswith(":.") and len(rest) > 2:
        return rest[:-2].strip(), "", False
    return "", raw_rest, True


def _shape(text: str, media_line: bool) -> tuple[str, tuple[str, ...], bool, str]:
    """(text, attachments, is_system, note) from a message's raw text.

    iOS puts an LRM before the whole line of a media message ("image omitted",
    "<attached: ...>", "Resume.pdf • 2 pages document omitted") and an LRM before
    the text of system notices and deleted markers, in every language.
    """
    marked = text.startswith(_LRM)
    body = _clean(text)
    note = ""
    if body.endswith(">"):
        edited = _EDITED.search(body)
        if edited:
            body = body[: edited.start()]
            note = "edited"
    first, _, caption = body.partition("\n")
    stripped = first.strip()
    if stripped.startswith("<"):
        m = _ATTACHED.match(body)
        if m:
            return m.group("caption").strip(), (m.group("name").strip(),), False, note
        if _ANGLE_PLACEHOLDER.match(stripped):
            return caption.strip(), (stripped,), False, note
    if stripped.endswith(")"):
        m = _FILE_ATTACHED.match(stripped)
        if m:
            return caption.strip(), (m.group("name"),), False, note
    if len(stripped) < 30 and _OMITTED.match(stripped):
        return caption.strip(), (stripped,), False, note
    if media_line:
        found = _INNER_MARK.search(text, 1) if not marked else None
        inner = found.start() if found else -1
        if inner > 0:  # a document: its name, then the (localised) "document omitted"
            name = _clean(text[:inner]).strip().removesuffix("\u2022").strip()
            return caption.strip(), (name or stripped,), False, note
        return caption.strip(), (stripped,), False, note
    if len(body) < 40 and _DELETED.match(body.strip()):
        return "", (), False, "deleted"
    if marked and "://" not in body:
        # iOS system notices (encryption, security code, group changes), any language.
        return body.strip(), (), True, note
    return body.strip("\n"), (), False, note


@dataclass(slots=True)
class _Pending:
    head: _Head
    author: str
    system: bool
    parts: list[str]
    media_line: bool


def parse(
    stream: IO[bytes],
    *,
    name: str = "<stream>",
    zone: str = "Asia/Shanghai",
    date_order: DateOrder | None = None,
    thread: str | None = None,
) -> Iterator[ImportedMessage]:
    """Messages from a WhatsApp .txt export (a byte stream), oldest first as written."""
    stream = seekable(stream)
    data = head(stream, 4096)
    if not data.strip():
        return
    encoding = sniff_encoding(data)
    order = date_order or infer_date_order(stream, name)
    chat = thread or thread_from_name(name)
    clock = WallClock(zone)
    pending: _Pending | None = None
    seen_at: datetime | None = None
    seen: dict[str, int] = {}

    def emit(p: _Pending) -> ImportedMessage:
        nonlocal seen_at, seen
        try:
            local = _datetime(p.head, order)
        except ValueError as exc:
            raise corrupt(
                name,
                f"line {p.head.line}",
                f"the date/time in the header is not a real date ({exc}); "
                "pass --date-order dmy|mdy|ymd if the order was guessed wrong",
            ) from exc
        sent = clock.to_utc(local)
        raw_text = "\n".join(p.parts)
        attachments: tuple[str, ...]
        if p.system:
            text, attachments, system, note = _clean(raw_text).strip(), (), True, ""
        else:
            text, attachments, system, note = _shape(raw_text, p.media_line)
        key = content_id("wa", chat, local.isoformat(), p.author, raw_text)
        if local != seen_at:
            seen_at, seen = local, {}
        n = seen.get(key, 0)
        seen[key] = n + 1
        external = key if n == 0 else f"{key}.{n}"
        return ImportedMessage(
            format="whatsapp",
            external_id=external,
            thread=chat,
            sent_at=sent,
            utc_offset_minutes=None,
            sender_name=_display(p.author),
            sender_handle=_handle(p.author),
            text=text,
            channel="whatsapp",
            attachments=attachments,
            is_system=system,
            line=p.head.line,
            note=note,
        )

    last_line = 0
    for number, line in text_lines(stream, name, encoding):
        last_line = number
        h = match_header(line, number)
        if h is None:
            if pending is None:
                # A preamble before the first header (a title someone typed) is
                # tolerated for a few lines; a file with no header is not a chat.
                if number >= _PREAMBLE_LINES:
                    raise corrupt(
                        name,
                        f"line {number}",
                        "this is not a WhatsApp chat export (no message header such as "
                        "'18/03/2022, 14:56 - Name: text'); choose another --format",
                    )
                continue
            pending.parts.append(line)
            continue
        if pending is not None:
            yield emit(pending)
        author, text, system = _split_author(h.rest, _raw_rest(line, h))
        pending = _Pending(h, author, system, [text], h.bracketed and line.startswith(_LRM))
    if pending is not None:
        yield emit(pending)
    elif last_line:
        raise corrupt(
            name,
            f"line {last_line}",
            "no WhatsApp message header found; choose another --format",
        )


@lru_cache(maxsize=4096)
def _display(author: str) -> str:
    return _clean(author).replace("\xa0", " ").strip()


@lru_cache(maxsize=4096)
def _handle(author: str) -> str:
    """A phone number when the author is one (WhatsApp shows unsaved contacts by number)."""
    clean = _clean(author).replace("\xa0", " ").strip()
    if re.fullmatch(r"\+?[\d\s().-]{7,}", clean):
        digits = "".join(c for c in clean if c.isdigit())
        return ("+" if clean.startswith("+") else "") + digits
    return clean


def read(
    path: Path,
    *,
    zone: str = "Asia/Shanghai",
    date_order: DateOrder | None = None,
    thread: str | None = None,
) -> Iterator[ImportedMessage]:
    """A .txt export, or the .zip WhatsApp shares (chat text plus media)."""
    if path.suffix.lower() == ".zip":
        yield from _read_zip(path, zone=zone, date_order=date_order, thread=thread)
        return
    with path.open("rb") as stream:
        yield from parse(
            stream,
            name=str(path),
            zone=zone,
            date_order=date_order,
            thread=thread or thread_from_name(path.name),
        )


def chat_member(names: list[str]) -> str | None:
    """The chat text inside a WhatsApp zip: `_chat.txt` (iOS) or the one .txt (Android)."""
    texts = [n for n in names if n.lower().endswith(".txt") and not n.startswith("__MACOSX")]
    for n in texts:
        if PurePosixPath(n).name == "_chat.txt":
            return n
    return texts[0] if len(texts) == 1 else None


def _read_zip(
    path: Path, *, zone: str, date_order: DateOrder | None, thread: str | None
) -> Iterator[ImportedMessage]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise corrupt(
            str(path), "byte 0", f"not a readable zip ({exc}); export the chat again"
        ) from exc
    with archive:
        member = chat_member(archive.namelist())
        if member is None:
            raise WarmlineError(
                f"{path}: no chat text (_chat.txt or one .txt) inside the zip; export the chat again"
            )
        chat = thread or thread_from_name(
            path.name if PurePosixPath(member).name == "_chat.txt" else member
        )
        try:
            with archive.open(member) as inner:
                yield from parse(
                    inner,
                    name=f"{path}!{member}",
                    zone=zone,
                    date_order=date_order,
                    thread=chat,
                )
        except (zipfile.BadZipFile, EOFError) as exc:
            raise corrupt(
                str(path), member, f"the zip is damaged ({exc}); export the chat again"
            ) from exc

"""CSV with a column mapping: any spreadsheet of messages (CRM exports, tool outputs).

The mapping names the columns for time, sender and text (required) and for
thread, handle, recipients, id and attachments (optional). Without a mapping,
common header names are recognised in English and Chinese. Times may be ISO
8601 (with or without an offset), `YYYY/MM/DD HH:MM[:SS]`, or epoch seconds or
milliseconds; times without an offset are read in `zone`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO

from warmline.core.error import WarmlineError
from warmline.ingest.record import ImportedMessage, SkipLog, content_id
from warmline.ingest.source import corrupt, head, seekable, sniff_encoding
from warmline.ingest.wallclock import wall_to_utc

ROLES = ("time", "sender", "text", "thread", "handle", "recipients", "id", "attachments")
_GUESS: dict[str, tuple[str, ...]] = {
    "time": (
        "timestamp",
        "time",
        "datetime",
        "date",
        "sent",
        "sent_at",
        "sent at",
        "时间",
        "日期",
        "发送时间",
    ),
    "sender": (
        "author",
        "sender",
        "from",
        "name",
        "sender_name",
        "user",
        "发送者",
        "发送人",
        "发件人",
        "昵称",
    ),
    "text": ("message", "text", "content", "body", "msg", "内容", "消息", "消息内容"),
    "thread": ("thread", "chat", "conversation", "channel", "subject", "会话", "群聊", "主题"),
    "handle": (
        "handle",
        "sender_handle",
        "email",
        "phone",
        "wxid",
        "username",
        "账号",
        "邮箱",
        "电话",
    ),
    "recipients": ("recipients", "to", "收件人"),
    "id": ("id", "message_id", "msg_id", "uid", "消息id"),
    "attachments": ("attachments", "files", "attachment", "附件"),
}
_FORMATS = (
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
)


@dataclass(frozen=True, slots=True)
class Columns:
    """Which CSV column holds what. Names are matched case-insensitively."""

    time: str
    sender: str
    text: str
    thread: str = ""
    handle: str = ""
    recipients: str = ""
    id: str = ""
    attachments: str = ""

    @classmethod
    def parse(cls, spec: str) -> Columns:
        """From "time=Date,sender=From,text=Body" (the CLI's --columns)."""
        values: dict[str, str] = {}
        for item in spec.split(","):
            role, sep, column = item.partition("=")
            role = role.strip().lower()
            if not sep or role not in ROLES or not column.strip():
                raise WarmlineError(
                    f"--columns: {item.strip()!r} is not ROLE=COLUMN; roles: {', '.join(ROLES)}"
                )
            values[role] = column.strip()
        missing = [r for r in ("time", "sender", "text") if r not in values]
        if missing:
            raise WarmlineError(f"--columns: name the {', '.join(missing)} column(s)")
        return cls(**values)


def guess_columns(header: list[str]) -> Columns | None:
    """Columns from common header names, or None when time/sender/text are not all found."""
    lower = {h.strip().lower(): h for h in header}
    found: dict[str, str] = {}
    for role, names in _GUESS.items():
        for n in names:
            if n in lower and lower[n] not in found.values():
                found[role] = lower[n]
                break
    if not all(r in found for r in ("time", "sender", "text")):
        return None
    return Columns(**found)


def parse_time(value: str, zone: str) -> tuple[datetime, int | None] | None:
    """(UTC instant, offset minutes or None) from a cell; None when unreadable."""
    raw = value.strip()
    if not raw:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", raw):
        number = float(raw)
        if number > 1e11:
            number /= 1000
        return datetime.fromtimestamp(number, UTC), None
    iso = raw.replace("Z", "+00:00").replace("z", "+00:00")
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        for fmt in _FORMATS:
            try:
                parsed = datetime.strptime(raw, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        off = parsed.utcoffset()
        return parsed.astimezone(UTC), int(off.total_seconds() // 60) if off is not None else None
    return wall_to_utc(parsed, zone), None


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[;|]", value) if p.strip())


def parse(
    stream: IO[bytes],
    *,
    name: str = "<stream>",
    columns: Columns | Mapping[str, str] | None = None,
    zone: str = "Asia/Shanghai",
    thread: str | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    """Rows of a CSV file as messages, streamed row by row."""
    stream = seekable(stream)
    sample = head(stream)
    if not sample.strip():
        return
    encoding = sniff_encoding(sample)
    first_line = sample.decode(encoding, "replace").splitlines()[0] if sample else ""
    delimiter = max((",", ";", "\t"), key=first_line.count)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    chat = thread or PurePosixPath(name.replace("\\", "/")).stem
    try:
        header = next(reader, None)
        if header is None:
            return
        header = [h.lstrip("\ufeff") for h in header]
        cols = _resolve(columns, header, name)
        index = {h.strip().lower(): i for i, h in enumerate(header)}

        def at(role: str) -> int | None:
            column = getattr(cols, role)
            if not column:
                return None
            i = index.get(column.strip().lower())
            if i is None:
                raise corrupt(
                    name,
                    "line 1",
                    f"no column {column!r} (columns: {', '.join(header)}); fix --columns",
                )
            return i

        where = {role: at(role) for role in ROLES}
        seen_at: datetime | None = None
        seen: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue

            def cell(role: str, row: list[str] = row) -> str:
                i = where[role]
                return row[i] if i is not None and i < len(row) else ""

            when = parse_time(cell("time"), zone)
            if when is None:
                raise corrupt(
                    name,
                    f"line {line}",
                    f"cannot read {cell('time')!r} in column {cols.time!r} as a time; "
                    "use ISO 8601 (2024-01-05 10:21:33) or epoch seconds",
                )
            sent, offset = when
            body = cell("text")
            sender = cell("sender").strip()
            conversation = cell("thread").strip() or chat
            explicit = cell("id").strip()
            if explicit:
                external = f"csv:{conversation}:{explicit}"
            else:
                key = content_id("csv", conversation, sent.isoformat(), sender, body)
                if sent != seen_at:
                    seen_at, seen = sent, {}
                n = seen.get(key, 0)
                seen[key] = n + 1
                external = key if n == 0 else f"{key}.{n}"
            yield ImportedMessage(
                format="csv",
                external_id=external,
                thread=conversation,
                sent_at=sent,
                utc_offset_minutes=offset,
                sender_name=sender,
                sender_handle=cell("handle").strip() or sender,
                text=body,
                channel="csv",
                recipients=_split_list(cell("recipients")),
                attachments=_split_list(cell("attachments")),
                line=line,
            )
    except UnicodeDecodeError as exc:
        raise corrupt(
            name, f"line {reader.line_num + 1}", f"not {encoding} text ({exc.reason})"
        ) from exc
    except csv.Error as exc:
        raise corrupt(name, f"line {reader.line_num}", f"broken CSV ({exc})") from exc
    finally:
        with contextlib.suppress(ValueError):
            text.detach()


def _resolve(columns: Columns | Mapping[str, str] | None, header: list[str], name: str) -> Columns:
    if isinstance(columns, Columns):
        return columns
    if columns:
        return Columns(**{k: v for k, v in columns.items() if k in ROLES})
    guessed = guess_columns(header)
    if guessed is None:
        raise corrupt(
            name,
            "line 1",
            "cannot tell which columns hold the time, sender and text "
            f"(columns: {', '.join(header)}); pass --columns time=...,sender=...,text=...",
        )
    return guessed


def write(rows: list[ImportedMessage], stream: io.TextIOBase) -> None:
    """Messages as a CSV this module reads back (time in ISO 8601 UTC)."""
    writer = csv.writer(stream)
    writer.writerow(["time", "sender", "handle", "thread", "text"])
    for m in rows:
        writer.writerow([m.sent_at.isoformat(), m.sender_name, m.sender_handle, m.thread, m.text])


def read(
    path: Path,
    *,
    columns: Columns | Mapping[str, str] | None = None,
    zone: str = "Asia/Shanghai",
    thread: str | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    with path.open("rb") as stream:
        yield from parse(
            stream, name=str(path), columns=columns, zone=zone, thread=thread, skipped=skipped
        )

"""Telegram Desktop export: result.json (one chat, or a whole account's chats).

The file is streamed with JsonReader: one message is decoded at a time, so a
result.json of any size stays within bounded memory. `date_unixtime` (epoch
seconds as a string) is the instant; when an export has only the older
`date` field (the exporting machine's wall clock), it is read in `zone`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from warmline.ingest.jsonstream import JsonReader
from warmline.ingest.record import ImportedMessage, SkipLog, content_id
from warmline.ingest.source import corrupt
from warmline.ingest.wallclock import wall_to_utc

_CHAT_KEYS = ("chats", "left_chats")
_NOT_INCLUDED = "(File not included"


def flatten_text(value: Any) -> str:
    """Message text from a string or a list of strings and {type, text} entities."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                text = item.get("text", "")
                out.append(text if isinstance(text, str) else "")
        return "".join(out)
    return ""


def _attachments(msg: dict[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    for key in ("photo", "file"):
        value = msg.get(key)
        if not isinstance(value, str) or not value:
            continue
        if value.startswith("("):  # "(File not included. ...)" and friends
            kind = msg.get("media_type") or msg.get("mime_type") or key
            name = msg.get("file_name")
            out.append(str(name) if name else f"{kind} (not included)")
        else:
            out.append(PurePosixPath(value).name)
    for key, label in (
        ("contact_information", "contact"),
        ("location_information", "location"),
        ("poll", "poll"),
    ):
        if key in msg and not out:
            out.append(label)
    return tuple(out)


def _when(msg: dict[str, Any], zone: str) -> tuple[datetime, int | None] | None:
    unix = msg.get("date_unixtime")
    local = msg.get("date")
    naive: datetime | None = None
    if isinstance(local, str) and local:
        try:
            naive = datetime.fromisoformat(local.replace("Z", "+00:00"))
        except ValueError:
            naive = None
    if unix not in (None, ""):
        try:
            sent = datetime.fromtimestamp(int(str(unix)), UTC)
        except (ValueError, OverflowError, OSError):
            return None
        offset = None
        if naive is not None and naive.tzinfo is None:
            delta = naive - sent.replace(tzinfo=None)
            offset = round(delta.total_seconds() / 60)
        return sent, offset
    if naive is None:
        return None
    if naive.tzinfo is not None:
        off = naive.utcoffset()
        return naive.astimezone(UTC), int(off.total_seconds() // 60) if off is not None else None
    return wall_to_utc(naive, zone), None


def _message(
    msg: Any,
    chat: dict[str, Any],
    *,
    name: str,
    where: str,
    zone: str,
    skipped: SkipLog | None,
) -> ImportedMessage | None:
    if not isinstance(msg, dict):
        raise corrupt(name, where, "a message is not a JSON object; export again")
    kind = msg.get("type", "message")
    if kind not in ("message", "service"):
        if skipped is not None:
            skipped.add("unsupported", f"{name} {where}")
        return None
    when = _when(msg, zone)
    if when is None:
        if skipped is not None:
            skipped.add("no-date", f"{name} {where}")
        return None
    sent, offset = when
    system = kind == "service"
    sender = msg.get("actor" if system else "from") or msg.get("from") or ""
    handle = msg.get("actor_id" if system else "from_id") or msg.get("from_id") or ""
    text = flatten_text(msg.get("text", ""))
    if system:
        action = str(msg.get("action", "")).replace("_", " ")
        text = f"{action}: {text}".strip(": ") if text else action
    thread = str(chat.get("name") or _chat_label(chat))
    chat_key = chat.get("id", thread)
    if "id" in msg:
        external = f"tg:{chat_key}:{msg['id']}"
    else:
        external = content_id("tg", thread, sent.isoformat(), sender, text)
    note = "edited" if msg.get("edited") else ""
    if msg.get("forwarded_from"):
        note = f"forwarded from {msg['forwarded_from']}"
    return ImportedMessage(
        format="telegram",
        external_id=external,
        thread=thread,
        sent_at=sent,
        utc_offset_minutes=offset,
        sender_name=str(sender) if sender else ("Deleted Account" if "from" in msg else ""),
        sender_handle=str(handle),
        text=text,
        channel="telegram",
        attachments=_attachments(msg),
        is_system=system,
        note=note,
    )


def _chat_label(chat: dict[str, Any]) -> str:
    kind = chat.get("type", "")
    if kind == "saved_messages":
        return "Saved Messages"
    if kind == "replies":
        return "Replies"
    return f"Telegram chat {chat.get('id', '')}".strip()


def _chat_messages(
    reader: JsonReader, chat: dict[str, Any], zone: str, skipped: SkipLog | None
) -> Iterator[ImportedMessage]:
    for _ in reader.array_items():
        where = reader.where()
        msg = _message(
            reader.value(), chat, name=reader.name, where=where, zone=zone, skipped=skipped
        )
        if msg is not None:
            yield msg


def _chat(reader: JsonReader, zone: str, skipped: SkipLog | None) -> Iterator[ImportedMessage]:
    chat: dict[str, Any] = {}
    for key in reader.object_keys():
        if key == "messages":
            yield from _chat_messages(reader, chat, zone, skipped)
        elif key in ("name", "type", "id"):
            chat[key] = reader.value()
        else:
            reader.skip()


def parse(
    stream: IO[bytes],
    *,
    name: str = "<stream>",
    zone: str = "Asia/Shanghai",
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    """Messages of a result.json: a single-chat export or a full-account export."""
    reader = JsonReader(stream, name)
    if reader.peek() != "{":
        raise corrupt(
            name,
            reader.where(),
            "not a Telegram result.json (it must start with '{'); export again",
        )
    chat: dict[str, Any] = {}
    found = False
    for key in reader.object_keys():
        if key == "messages":
            found = True
            yield from _chat_messages(reader, chat, zone, skipped)
        elif key in _CHAT_KEYS and reader.peek() == "{":
            found = True
            for sub in reader.object_keys():
                if sub == "list":
                    for _ in reader.array_items():
                        yield from _chat(reader, zone, skipped)
                else:
                    reader.skip()
        elif key in ("name", "type", "id"):
            chat[key] = reader.value()
        else:
            reader.skip()
    if not found:
        raise corrupt(
            name,
            "line 1",
            "no 'messages' or 'chats' in this JSON: it is not a Telegram Desktop result.json",
        )


def read(
    path: Path, *, zone: str = "Asia/Shanghai", skipped: SkipLog | None = None
) -> Iterator[ImportedMessage]:
    with path.open("rb") as stream:
        yield from parse(stream, name=str(path), zone=zone, skipped=skipped)

"""Slack workspace export: a zip or its unzipped folder.

Layout: users.json (org_users.json on Enterprise Grid), channels.json,
groups.json, mpims.json, dms.json, and one folder per conversation holding a
`YYYY-MM-DD.json` array of that UTC day's messages. Channels and mpims live in
folders named by name, DMs in folders named by ID. Each day file is decoded on
its own (a day of one channel), so memory follows the largest day, not the
export. A single day file can be imported alone too.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from warmline.core.error import WarmlineError
from warmline.ingest.record import ImportedMessage, SkipLog
from warmline.ingest.source import corrupt

_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_MARKUP = re.compile(r"<([@#!])?([^<>|]+)(?:\|([^<>]*))?>")
METADATA_FILES = (
    "users.json",
    "org_users.json",
    "channels.json",
    "groups.json",
    "mpims.json",
    "dms.json",
    "integration_logs.json",
    "canvases.json",
    "content_flags.json",
)
# Subtypes that are events, not something a person wrote.
_SYSTEM_SUBTYPES = frozenset(
    [
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "group_topic",
        "group_purpose",
        "group_name",
        "bot_add",
        "bot_remove",
        "pinned_item",
        "unpinned_item",
        "tombstone",
        "reminder_add",
        "sh_room_created",
        "huddle_thread",
        "bot_message",
    ]
)


@dataclass(frozen=True, slots=True)
class _User:
    name: str
    handle: str
    offset: int | None


@dataclass(frozen=True, slots=True)
class _Conversation:
    id: str
    label: str


class _Tree:
    """A zip or a folder, seen as member names and byte readers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise corrupt(
                    str(path), "byte 0", f"not a readable zip ({exc}); export again"
                ) from exc
            # A zip may wrap everything in one top folder.
            names = [n for n in self._zip.namelist() if not n.endswith("/")]
            roots = {n.split("/", 1)[0] for n in names if "/" in n}
            top = [n for n in names if "/" not in n]
            self._prefix = ""
            if not top and len(roots) == 1:
                self._prefix = next(iter(roots)) + "/"
            self._names = [n[len(self._prefix) :] for n in names if n.startswith(self._prefix)]
        else:
            self._prefix = ""
            self._names = sorted(
                p.relative_to(path).as_posix() for p in path.rglob("*.json") if p.is_file()
            )

    def names(self) -> list[str]:
        return self._names

    def load(self, member: str) -> Any:
        where = f"{self.path}!{member}" if self._zip else str(self.path / member)
        try:
            if self._zip is not None:
                data = self._zip.read(self._prefix + member)
            else:
                data = (self.path / member).read_bytes()
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise corrupt(str(self.path), member, f"cannot be read ({exc}); export again") from exc
        return _loads(data, where)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _loads(data: bytes, where: str) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise corrupt(where, f"byte {exc.start}", "not UTF-8 text; export again") from exc
    except json.JSONDecodeError as exc:
        raise corrupt(
            where,
            f"line {exc.lineno} column {exc.colno}",
            f"invalid JSON ({exc.msg}); export again",
        ) from exc


def _users(tree: _Tree) -> dict[str, _User]:
    names = set(tree.names())
    member = "users.json" if "users.json" in names else "org_users.json"
    if member not in names:
        return {}
    out: dict[str, _User] = {}
    for user in tree.load(member) or []:
        if not isinstance(user, dict) or "id" not in user:
            continue
        profile = user.get("profile") or {}
        name = (
            profile.get("real_name")
            or user.get("real_name")
            or profile.get("display_name")
            or user.get("name")
            or user["id"]
        )
        offset = user.get("tz_offset")
        out[user["id"]] = _User(
            name=str(name),
            handle=str(user["id"]),
            offset=int(offset) // 60 if isinstance(offset, int) else None,
        )
    return out


def _conversations(tree: _Tree, users: dict[str, _User]) -> dict[str, _Conversation]:
    """Folder name -> conversation, from channels/groups/mpims (by name) and dms (by id)."""
    names = set(tree.names())
    out: dict[str, _Conversation] = {}
    for member, by_id in (
        ("channels.json", False),
        ("groups.json", False),
        ("mpims.json", False),
        ("dms.json", True),
    ):
        if member not in names:
            continue
        for conv in tree.load(member) or []:
            if not isinstance(conv, dict) or "id" not in conv:
                continue
            cid = str(conv["id"])
            if by_id:
                people = [users[u].name for u in conv.get("members", []) if u in users]
                label = "DM " + " & ".join(people) if people else f"DM {cid}"
                out[cid] = _Conversation(cid, label)
            else:
                name = str(conv.get("name") or cid)
                out[name] = _Conversation(cid, f"#{name}" if member != "mpims.json" else name)
    return out


def render(text: str, users: dict[str, _User]) -> str:
    """Slack markup to plain text: mentions, channel links, URLs, entities."""

    def sub(m: re.Match[str]) -> str:
        kind, target, label = m.group(1), m.group(2), m.group(3)
        if kind == "@":
            user = users.get(target)
            return "@" + (label or (user.name if user else target))
        if kind == "#":
            return "#" + (label or target)
        if kind == "!":
            return "@" + (label or target.split("^")[0])
        if label and label != target:
            return f"{label} ({target})"
        return target.removeprefix("mailto:")

    if "<" in text:
        text = _MARKUP.sub(sub, text)
    if "&" in text:
        text = html.unescape(text)
    return text


def _block_text(blocks: Any) -> str:
    """Plain text from rich_text blocks, for messages whose `text` is empty."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            kind = node.get("type")
            if kind in ("text", "link") and isinstance(node.get("text"), str):
                out.append(node["text"])
            elif kind == "link" and isinstance(node.get("url"), str):
                out.append(node["url"])
            elif kind == "emoji" and isinstance(node.get("name"), str):
                out.append(f":{node['name']}:")
            for key in ("elements", "text", "fields"):
                child = node.get(key)
                if isinstance(child, (list, dict)):
                    walk(child)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "".join(out)


def _files(msg: dict[str, Any]) -> tuple[str, ...]:
    files = msg.get("files") or ([msg["file"]] if isinstance(msg.get("file"), dict) else [])
    out: list[str] = []
    for f in files:
        if isinstance(f, dict):
            name = f.get("name") or f.get("title") or f.get("id")
            if name:
                out.append(str(name))
    return tuple(out)


def _message(
    msg: Any,
    conv: _Conversation,
    users: dict[str, _User],
    *,
    where: str,
    skipped: SkipLog | None,
) -> ImportedMessage | None:
    if not isinstance(msg, dict):
        raise corrupt(where, "message", "a message is not a JSON object; export again")
    ts = msg.get("ts")
    try:
        sent = datetime.fromtimestamp(float(str(ts)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        if skipped is not None:
            skipped.add("no-date", where)
        return None
    subtype = msg.get("subtype") or ""
    uid = msg.get("user") or msg.get("bot_id") or ""
    user = users.get(uid)
    profile = msg.get("user_profile") or {}
    name = (
        (user.name if user else "")
        or profile.get("real_name")
        or msg.get("username")
        or (msg.get("bot_profile") or {}).get("name")
        or uid
    )
    text = render(str(msg.get("text") or ""), users)
    if not text.strip() and msg.get("blocks"):
        text = render(_block_text(msg["blocks"]), users)
    if not text.strip() and msg.get("attachments"):
        parts = [
            str(a.get("fallback") or a.get("text") or a.get("title") or "")
            for a in msg["attachments"]
            if isinstance(a, dict)
        ]
        text = render("\n".join(p for p in parts if p), users)
    note = ""
    if msg.get("edited"):
        note = "edited"
    if msg.get("thread_ts") and msg.get("thread_ts") != ts:
        note = (note + "; " if note else "") + f"reply in thread {msg['thread_ts']}"
    return ImportedMessage(
        format="slack",
        external_id=f"slack:{conv.id}:{ts}",
        thread=conv.label,
        sent_at=sent,
        utc_offset_minutes=user.offset if user else None,
        sender_name=str(name),
        sender_handle=str(uid),
        text=text,
        channel="slack",
        attachments=_files(msg),
        is_system=subtype in _SYSTEM_SUBTYPES,
        note=note,
    )


def _day_messages(
    data: Any,
    conv: _Conversation,
    users: dict[str, _User],
    where: str,
    skipped: SkipLog | None,
) -> Iterator[ImportedMessage]:
    if not isinstance(data, list):
        raise corrupt(where, "line 1", "a day file must hold a JSON array of messages")
    rows = [m for m in data if isinstance(m, dict)]
    rows.sort(key=lambda m: float(str(m.get("ts") or 0)) if _is_number(m.get("ts")) else 0.0)
    for index, msg in enumerate(rows):
        out = _message(msg, conv, users, where=f"{where} message {index + 1}", skipped=skipped)
        if out is not None:
            yield out


def _is_number(value: Any) -> bool:
    try:
        float(str(value))
        return True
    except ValueError:
        return False


def read(path: Path, *, skipped: SkipLog | None = None) -> Iterator[ImportedMessage]:
    """Every message of a workspace export (zip or folder), conversation by conversation."""
    if path.is_file() and path.suffix.lower() == ".json":
        yield from read_day(path, skipped=skipped)
        return
    tree = _Tree(path)
    try:
        names = tree.names()
        if not any(n in METADATA_FILES for n in names):
            raise WarmlineError(
                f"{path}: no users.json or channels.json: not a Slack workspace export"
            )
        users = _users(tree)
        conversations = _conversations(tree, users)
        days: dict[str, list[str]] = {}
        for member in names:
            folder, _, file = member.rpartition("/")
            if folder and "/" not in folder and _DAY_FILE.match(file):
                days.setdefault(folder, []).append(member)
        for folder in sorted(days):
            conv = conversations.get(folder) or _Conversation(folder, f"#{folder}")
            for member in sorted(days[folder]):
                data = tree.load(member)
                yield from _day_messages(data, conv, users, f"{path}!{member}", skipped)
    finally:
        tree.close()


def read_day(path: Path, *, skipped: SkipLog | None = None) -> Iterator[ImportedMessage]:
    """One day file (or any JSON array of Slack messages) on its own."""
    with path.open("rb") as stream:
        yield from parse_day(stream, name=str(path), skipped=skipped)


def parse_day(
    stream: IO[bytes], *, name: str = "<stream>", skipped: SkipLog | None = None
) -> Iterator[ImportedMessage]:
    data = _loads(stream.read(), name)
    folder = PurePosixPath(name).parent.name or PurePosixPath(name).stem
    conv = _Conversation(folder, f"#{folder}")
    yield from _day_messages(data, conv, {}, name, skipped)


def looks_like_export(names: list[str]) -> bool:
    base = {PurePosixPath(n).name for n in names}
    has_meta = bool(base & {"users.json", "org_users.json", "channels.json"})
    return has_meta

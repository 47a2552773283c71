"""WeChat, as written by the desktop export tools (no official export exists).

Two layouts, built from the exporters' source (see docs/import.md):

- CSV (MemoTrace / WeChatMsg `<备注>_utf8.csv`, UTF-8 with BOM): columns
  localId, TalkerId, Type, SubType, IsSender, CreateTime, Status, StrContent,
  StrTime, Remark, NickName, Sender. CreateTime is epoch seconds (an instant);
  StrTime is the exporting PC's wall clock, so their difference is its offset.
  Non-text messages carry raw XML in StrContent.
- TXT (MemoTrace): records `"{StrTime} {name}\\n{content}\\n\\n"`; system records
  have no name: `"{StrTime} {content}\\n\\n"`. Also the layout WeChat desktop
  puts on the clipboard: `"{name} {YYYY/MM/DD} {h:mm} {AM|PM}\\n{content}"`.
  Times are wall clock, read in `zone`.

Media become placeholders listed as attachments ([图片], [语音], ...); a recalled
message is a system line with the note "recalled".
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO

from warmline.ingest.record import ImportedMessage, SkipLog, content_id
from warmline.ingest.source import corrupt, head, seekable, sniff_encoding, text_lines
from warmline.ingest.wallclock import wall_to_utc

CSV_COLUMNS = (
    "localId",
    "TalkerId",
    "Type",
    "SubType",
    "IsSender",
    "CreateTime",
    "Status",
    "StrContent",
    "StrTime",
    "Remark",
    "NickName",
    "Sender",
)
_PLACEHOLDER = {
    "3": "[图片]",
    "34": "[语音]",
    "43": "[视频]",
    "47": "[表情包]",
    "48": "[位置]",
    "42": "[名片]",
    "50": "[通话]",
}
_SUB_PLACEHOLDER = {"3": "[音乐分享]", "2000": "[转账]", "2001": "[红包]", "19": "[聊天记录]"}
_TXT_PLACEHOLDERS = frozenset(
    [
        "[图片]",
        "[语音]",
        "[视频]",
        "[表情包]",
        "[动画表情]",
        "[文件]",
        "[音乐分享]",
        "[位置]",
        "[名片]",
        "[通话]",
        "[转账]",
        "[红包]",
        "[聊天记录]",
        "[视频号]",
        "[小程序]",
    ]
)
_XML_TITLE = re.compile(r"<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title>", re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_TAG = re.compile(r"<[^<>]+>")
_TXT_LINK = re.compile(
    r"^\[链接\]:title:(?P<title>.*?)\s*description:(?P<description>.*?)\s*url:(?P<url>\S*)",
    re.DOTALL,
)
_RECALL = re.compile(r"撤回了一条消息|recalled a message", re.IGNORECASE)
_TXT_HEADER = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{2}:\d{2}:\d{2})(?: (?P<rest>.*))?$"
)
_CLIP_HEADER = re.compile(
    r"^(?P<rest>.+?) (?P<date>\d{4}/\d{1,2}/\d{1,2}) (?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?: ?(?P<ampm>AM|PM|am|pm|上午|下午))?$"
)


def thread_from_name(name: str) -> str:
    """The chat's name from MemoTrace's file name (`张总_utf8.csv` -> `张总`)."""
    stem = PurePosixPath(name.replace("\\", "/")).stem
    return re.sub(r"_utf8$", "", stem).strip() or "WeChat"


def _system_text(content: str) -> str:
    """System XML (revokemsg, sysmsg) to the sentence it shows."""
    m = _CDATA.search(content)
    text = m.group(1) if m else content
    return html.unescape(_TAG.sub("", text)).replace("重新编辑", "").strip()


def _content(kind: str, sub: str, content: str) -> tuple[str, tuple[str, ...], bool, str]:
    """(text, attachments, is_system, note) for a MemoTrace row."""
    if kind == "1":
        return content, (), False, ""
    if kind == "10000":
        text = _system_text(content)
        return text, (), True, "recalled" if _RECALL.search(text) else ""
    if kind in _PLACEHOLDER:
        return "", (_PLACEHOLDER[kind],), False, ""
    if kind == "49":
        title_match = _XML_TITLE.search(content)
        title = html.unescape(title_match.group(1)).strip() if title_match else ""
        if sub == "57":  # a reply: the title is the new text
            return title, (), False, "reply"
        if sub == "6":
            return "", (title or "[文件]",), False, ""
        if sub == "5":
            return title, ("[链接]",), False, ""
        if sub in _SUB_PLACEHOLDER:
            return title, (_SUB_PLACEHOLDER[sub],), False, ""
        return title, ("[卡片]",), False, ""
    if content.lstrip().startswith("<"):
        return "", (f"[type {kind}]",), False, ""
    return content, (), False, ""


def parse_csv(
    stream: IO[bytes],
    *,
    name: str = "<stream>",
    zone: str = "Asia/Shanghai",
    thread: str | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    """Rows of a MemoTrace CSV export."""
    stream = seekable(stream)
    encoding = sniff_encoding(head(stream))
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    chat = thread or thread_from_name(name)
    reader = csv.DictReader(text)
    try:
        fields = reader.fieldnames or []
        missing = [c for c in ("Type", "IsSender", "StrContent") if c not in fields]
        if missing or not ("CreateTime" in fields or "StrTime" in fields):
            raise corrupt(
                name,
                "line 1",
                f"not a WeChat (MemoTrace) CSV: missing columns {', '.join(missing) or 'CreateTime'}",
            )
        for row in reader:
            line = reader.line_num
            msg = _csv_row(row, chat=chat, name=name, line=line, zone=zone, skipped=skipped)
            if msg is not None:
                yield msg
    except UnicodeDecodeError as exc:
        raise corrupt(
            name, f"line {reader.line_num + 1}", f"not {encoding} text ({exc.reason})"
        ) from exc
    except csv.Error as exc:
        raise corrupt(name, f"line {reader.line_num}", f"broken CSV ({exc})") from exc
    finally:
        with contextlib.suppress(ValueError):
            text.detach()


def _csv_row(
    row: dict[str, str | None],
    *,
    chat: str,
    name: str,
    line: int,
    zone: str,
    skipped: SkipLog | None,
) -> ImportedMessage | None:
    def col(key: str) -> str:
        value = row.get(key)
        return value.strip() if isinstance(value, str) else ""

    created = col("CreateTime")
    local_text = col("StrTime")
    local: datetime | None = None
    if local_text:
        try:
            local = datetime.strptime(local_text, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            local = None
    offset: int | None = None
    if created.isdigit():
        sent = datetime.fromtimestamp(int(created), UTC)
        if local is not None:
            offset = round((local - sent.replace(tzinfo=None)).total_seconds() / 60)
    elif local is not None:
        sent = wall_to_utc(local, zone)
    else:
        if skipped is not None:
            skipped.add("no-date", f"{name} line {line}")
        return None
    kind, sub = col("Type"), col("SubType")
    raw = row.get("StrContent") or ""
    text, attachments, system, note = _content(kind, sub, raw)
    mine = col("IsSender") == "1"
    sender_name = col("Remark") or col("NickName") or col("Sender")
    handle = col("Sender") or ("" if mine else col("TalkerId"))
    talker = col("TalkerId") or chat
    external = content_id("wx", talker, created or local_text, handle, col("IsSender"), raw)
    return ImportedMessage(
        format="wechat-csv",
        external_id=external,
        thread=chat,
        sent_at=sent,
        utc_offset_minutes=offset,
        sender_name="" if system else sender_name,
        sender_handle="" if system else handle,
        text=text,
        channel="wechat",
        attachments=attachments,
        is_system=system,
        from_me=None if system else mine,
        line=line,
        note=note,
    )


def _clip_time(date: str, clock: str, ampm: str | None) -> datetime:
    fmt = "%Y/%m/%d %H:%M:%S" if clock.count(":") == 2 else "%Y/%m/%d %H:%M"
    value = datetime.strptime(f"{date} {clock}", fmt)
    if ampm:
        pm = ampm.lower() == "pm" or ampm == "下午"
        if pm and value.hour < 12:
            value = value.replace(hour=value.hour + 12)
        elif not pm and value.hour == 12:
            value = value.replace(hour=0)
    return value


def match_txt_header(line: str) -> tuple[datetime, str, bool] | None:
    """(local time, name-or-content, is MemoTrace layout) for a record's first line."""
    m = _TXT_HEADER.match(line)
    if m:
        try:
            when = datetime.strptime(f"{m.group('date')} {m.group('time')}", "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return None
        return when, (m.group("rest") or "").strip(), True
    m = _CLIP_HEADER.match(line)
    if m:
        try:
            when = _clip_time(m.group("date"), m.group("time"), m.group("ampm"))
        except ValueError:
            return None
        return when, m.group("rest").strip(), False
    return None


def parse_txt(
    stream: IO[bytes],
    *,
    name: str = "<stream>",
    zone: str = "Asia/Shanghai",
    thread: str | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    """Records of a MemoTrace TXT export or a WeChat desktop copy, oldest first as written."""
    stream = seekable(stream)
    chat = thread or thread_from_name(name)
    record: tuple[int, datetime, str] | None = None
    body: list[str] = []
    seen_at: datetime | None = None
    seen: dict[str, int] = {}

    def emit(start: int, when: datetime, rest: str, lines: list[str]) -> ImportedMessage:
        nonlocal seen_at, seen
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            sender, content, system = rest, "\n".join(lines), False
        else:
            sender, content, system = "", rest, True
        note = ""
        attachments: tuple[str, ...] = ()
        text = content
        if system:
            note = "recalled" if _RECALL.search(content) else ""
        else:
            first = content.split("\n", 1)[0].strip()
            link = _TXT_LINK.match(content)
            if link:
                attachments = ("[链接]",)
                text = " ".join(p for p in (link["title"], link["description"], link["url"]) if p)
            elif first in _TXT_PLACEHOLDERS:
                attachments = (first,)
                text = content[len(first) :].strip()
            if "\n引用:" in content:
                note = "reply"
                text = content.split("\n引用:", 1)[0].strip()
        key = content_id("wx", chat, when.isoformat(), sender, content)
        if when != seen_at:
            seen_at, seen = when, {}
        n = seen.get(key, 0)
        seen[key] = n + 1
        return ImportedMessage(
            format="wechat-txt",
            external_id=key if n == 0 else f"{key}.{n}",
            thread=chat,
            sent_at=wall_to_utc(when, zone),
            utc_offset_minutes=None,
            sender_name=sender,
            sender_handle=sender,
            text=text,
            channel="wechat",
            attachments=attachments,
            is_system=system,
            line=start,
            note=note,
        )

    last = 0
    for number, line in text_lines(stream, name):
        last = number
        header = match_txt_header(line)
        if header is not None:
            if record is not None:
                yield emit(record[0], record[1], record[2], body)
            record = (number, header[0], header[1])
            body = []
            continue
        if record is None:
            if line.strip():
                raise corrupt(
                    name,
                    f"line {number}",
                    "not a WeChat text export (records start with '2024-01-05 10:21:33 name'); "
                    "choose another --format",
                )
            continue
        body.append(line)
    if record is not None:
        yield emit(record[0], record[1], record[2], body)
    elif last:
        raise corrupt(name, f"line {last}", "no WeChat record found; choose another --format")


def read_csv(
    path: Path,
    *,
    zone: str = "Asia/Shanghai",
    thread: str | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    with path.open("rb") as stream:
        yield from parse_csv(stream, name=str(path), zone=zone, thread=thread, skipped=skipped)


def read_txt(
    path: Path,
    *,
    zone: str = "Asia/Shanghai",
    thread: str | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    with path.open("rb") as stream:
        yield from parse_txt(stream, name=str(path), zone=zone, thread=thread, skipped=skipped)


def looks_like_csv(header: str) -> bool:
    cols = {c.strip().strip('"') for c in header.lstrip("\ufeff").split(",")}
    return {"Type", "IsSender", "StrContent"} <= cols


def looks_like_txt(lines: list[str]) -> bool:
    for line in lines:
        if line.strip():
            return match_txt_header(line) is not None
    return False

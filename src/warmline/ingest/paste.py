"""A conversation pasted from a chat window or a mail client (CLI stdin or the web).

The text goes to the parser whose layout it matches (WhatsApp, WeChat,
a mail with headers); anything else becomes one message, sent `now`, with a
note saying so, so nothing pasted is lost.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from warmline.core.text import Text
from warmline.ingest import mail, wechat, whatsapp
from warmline.ingest.record import ImportedMessage, content_id

UNRECOGNISED = Text(
    zh="未能识别粘贴内容的格式：已作为一条消息保存（发送者未知，时间为导入时间）。",
    en="Layout not recognised: kept as one message (sender unknown, time of import).",
)


def layout(text: str) -> str | None:
    """The parser a pasted text matches: "whatsapp", "wechat-txt", "eml", or None."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return None
    if any(whatsapp.match_header(line) for line in lines[:3]):
        return "whatsapp"
    if wechat.looks_like_txt(lines):
        return "wechat-txt"
    if mail.looks_like_eml(text.lstrip().encode("utf-8")[:4096]):
        return "eml"
    return None


def parse(
    text: str,
    *,
    now: datetime,
    zone: str = "Asia/Shanghai",
    thread: str = "paste",
    name: str = "paste",
) -> Iterator[ImportedMessage]:
    """Messages of a pasted conversation; `now` dates an unrecognised paste."""
    if not text.strip():
        return
    kind = layout(text)
    data = io.BytesIO(text.encode("utf-8"))
    if kind == "whatsapp":
        for m in whatsapp.parse(data, name=name, zone=zone, thread=thread):
            yield replace(m, format="paste", channel="paste")
        return
    if kind == "wechat-txt":
        for m in wechat.parse_txt(data, name=name, zone=zone, thread=thread):
            yield replace(m, format="paste", channel="paste")
        return
    if kind == "eml":
        for m in mail.parse_eml(data, name=name):
            yield replace(m, format="paste", channel="paste")
        return
    body = text.strip()
    yield ImportedMessage(
        format="paste",
        external_id=content_id("paste", thread, body),
        thread=thread,
        sent_at=now.astimezone(UTC),
        utc_offset_minutes=None,
        sender_name="",
        sender_handle="",
        text=body,
        channel="paste",
        line=1,
        note=UNRECOGNISED.en,
    )

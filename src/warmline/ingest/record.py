"""What every importer yields: one normalised message, plus the skips it reports."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from warmline.core.text import Text

Channel = Literal["email", "whatsapp", "wechat", "slack", "telegram", "csv", "paste"]
CHANNELS: tuple[Channel, ...] = ("email", "whatsapp", "wechat", "slack", "telegram", "csv", "paste")


@dataclass(frozen=True, slots=True)
class ImportedMessage:
    """One message read from an export, before identity matching and storage.

    `sent_at` is aware UTC. `utc_offset_minutes` is the sender's offset when the
    format carries one (email Date headers, Telegram/Slack epoch times read in
    UTC) and None for wall-clock formats (WhatsApp, WeChat), which are read in a
    zone the caller chooses. `external_id` is stable across re-imports and across
    overlapping exports of the same conversation, so storage can dedupe on it.
    """

    format: str
    external_id: str
    thread: str
    sent_at: datetime
    utc_offset_minutes: int | None
    sender_name: str
    sender_handle: str
    text: str
    channel: Channel
    recipients: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    is_system: bool = False
    # True/False when the export itself says who sent it (WeChat IsSender); None otherwise.
    from_me: bool | None = None
    # Where the message starts in the file (1-based line), for reports and sample lines.
    line: int | None = None
    # A note for the user, e.g. why a paste became one message.
    note: str = ""
    # What the importing service computed from the message beside the parser, in the
    # parsing process (ahead.read_ahead's `beside`); not part of the parsed data.
    early: Any = field(default=None, compare=False)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict (times as ISO 8601 UTC): the golden-file schema."""
        return {
            "format": self.format,
            "channel": self.channel,
            "external_id": self.external_id,
            "thread": self.thread,
            "sent_at": self.sent_at.astimezone(UTC).isoformat(),
            "utc_offset_minutes": self.utc_offset_minutes,
            "sender_name": self.sender_name,
            "sender_handle": self.sender_handle,
            "recipients": list(self.recipients),
            "text": self.text,
            "attachments": list(self.attachments),
            "is_system": self.is_system,
            "from_me": self.from_me,
            "line": self.line,
            "note": self.note,
        }


def content_id(prefix: str, *parts: object) -> str:
    """A stable ID from content, for formats whose messages carry no ID of their own."""
    data = "\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")
    return f"{prefix}:{hashlib.blake2b(data, digest_size=12).hexdigest()}"


# Why a message was skipped: stable keys, bilingual explanations.
SKIP_REASONS: dict[str, Text] = {
    "no-date": Text("没有可读的发送时间", "no readable sent time"),
    "unsupported": Text("导出文件标记为不支持的消息类型", "marked as an unsupported message type"),
    "empty": Text("没有文字、附件或发送者", "no text, attachment or sender"),
    "not-a-message": Text("不是消息（只是元数据）", "not a message (metadata only)"),
}


@dataclass(slots=True)
class SkipLog:
    """Messages a parser read but could not turn into an ImportedMessage, with reasons."""

    counts: Counter[str] = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)

    def add(self, reason: str, where: str) -> None:
        if reason not in SKIP_REASONS:
            raise ValueError(f"unknown skip reason {reason!r}")
        self.counts[reason] += 1
        self.samples.setdefault(reason, where)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

"""An agenda item: one thing a client needs from me, why, when, and what to send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from warmline.core.clock import format_local, local
from warmline.core.text import Lang, Text

Kind = Literal["reply", "update", "feedback", "revisit", "promise", "nudge", "meeting", "touch"]
# Display order, also the last-but-one tie-break of the ranking.
KINDS: tuple[Kind, ...] = (
    "reply",
    "promise",
    "meeting",
    "update",
    "feedback",
    "nudge",
    "revisit",
    "touch",
)

KIND_LABELS: dict[Kind, Text] = {
    "reply": Text("回复", "Reply"),
    "promise": Text("兑现承诺", "Keep a promise"),
    "meeting": Text("通话准备", "Call prep"),
    "update": Text("进度更新", "Progress update"),
    "feedback": Text("征求反馈", "Ask for feedback"),
    "nudge": Text("提醒客户", "Gentle nudge"),
    "revisit": Text("回访", "Revisit"),
    "touch": Text("保持联系", "Stay in touch"),
}

Band = Literal["urgent", "today", "later"]
BANDS: tuple[Band, ...] = ("urgent", "today", "later")
BAND_LABELS: dict[Band, Text] = {
    "urgent": Text("紧急", "Urgent"),
    "today": Text("今天", "Today"),
    "later": Text("有空时", "When you can"),
}
URGENT_FROM = 100.0
TODAY_FROM = 45.0


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason an item ranks where it does, with the points it adds."""

    points: float
    why: Text


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One ranked thing to do for a client.

    `id` is stable across runs ("S3:client:12:msg:345"); `reason_key` changes only
    when the item is due for a new reason, so a done or snoozed item comes back
    only then. `send_at` always lies inside the client's working hours.
    """

    id: str
    client_id: int
    client_name: str
    kind: Kind
    principle: str
    due: datetime
    urgency: float
    reason: Text
    client_timezone: str
    client_local_time: datetime
    send_at: datetime
    suggested_message: str
    message_lang: Lang
    reason_key: str
    factors: tuple[Factor, ...] = ()
    details: tuple[Text, ...] = ()
    openers: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    project_id: int | None = None
    overdue: bool = False

    @property
    def band(self) -> Band:
        if self.urgency >= URGENT_FROM:
            return "urgent"
        if self.urgency >= TODAY_FROM:
            return "today"
        return "later"

    def explain(self, lang: str) -> str:
        """Why the item ranks where it does: each factor and its points."""
        parts = [f"{f.why.in_(lang)} {f.points:+g}" for f in self.factors]
        total = ("紧急度 " if lang == "zh" else "urgency ") + f"{self.urgency:g}"
        sep = "；" if lang == "zh" else "; "
        return total + (" = " + sep.join(parts) if parts else "")


def as_json(item: AgendaItem, lang: str) -> dict[str, Any]:
    """The documented JSON form of an item (docs/agenda.md); `lang` is the UI language."""
    return {
        "id": item.id,
        "client": {"id": item.client_id, "name": item.client_name},
        "kind": item.kind,
        "principle": item.principle,
        "related_principles": list(item.related),
        "due": item.due.isoformat(),
        "overdue": item.overdue,
        "urgency": item.urgency,
        "band": item.band,
        "reason": item.reason.in_(lang),
        "reason_i18n": {"zh": item.reason.zh, "en": item.reason.en},
        "client_local_time": local(item.client_local_time, item.client_timezone).isoformat(),
        "client_local_time_text": format_local(item.client_local_time, item.client_timezone, lang),
        "client_timezone": item.client_timezone,
        "send_at": item.send_at.isoformat(),
        "send_at_client_text": format_local(item.send_at, item.client_timezone, lang),
        "suggested_message": item.suggested_message,
        "message_language": item.message_lang,
        "details": [d.in_(lang) for d in item.details],
        "openers": list(item.openers),
        "project_id": item.project_id,
        "reason_key": item.reason_key,
        "explain": {
            "text": item.explain(lang),
            "factors": [{"points": f.points, "why": f.why.in_(lang)} for f in item.factors],
        },
    }

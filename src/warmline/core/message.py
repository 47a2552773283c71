"""Messages both ways, with what reading them found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Direction = Literal["in", "out"]
Emotion = Literal["anger", "anxiety", "satisfaction", "neutral"]
EMOTIONS: tuple[Emotion, ...] = ("anger", "anxiety", "satisfaction", "neutral")


@dataclass(frozen=True, slots=True)
class Message:
    """One message. `sent_at` is aware UTC; `utc_offset_minutes` keeps the sender's offset.

    `client_id` is None while the sender is unknown (unassigned import); `handle`
    is the sender's (incoming) or recipient's (outgoing) handle as exported.
    """

    direction: Direction
    sent_at: datetime
    text: str
    client_id: int | None = None
    project_id: int | None = None
    channel: str = ""
    author: str = ""
    handle: str = ""
    utc_offset_minutes: int | None = None
    thread: str = ""
    source: str = "manual"
    external_id: str = ""
    attachments: tuple[str, ...] = ()
    # What reading the message found (filled by the coach when stored).
    emotion: Emotion | None = None
    emotion_score: float | None = None
    questions: tuple[str, ...] = ()
    status_request: bool = False
    id: int | None = None

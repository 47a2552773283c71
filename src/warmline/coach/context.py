"""What the coach knows about the draft's situation: when, to whom, and the thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from warmline.coach.style import StyleProfile
from warmline.core.text import Lang


@dataclass(frozen=True, slots=True)
class CheckContext:
    """The situation a draft is checked in. `now` is the (aware) send time.

    lang: the draft's language; None = detect it. ui_lang: the language of
    finding messages (suggestions are in the draft's language).
    open_questions: questions in the client's last message(s) not yet answered.
    notes: personal notes about the client, newest first (R3).
    established: the relationship is established (R3: warmth is never flagged).
    """

    now: datetime
    lang: Lang | None = None
    ui_lang: Lang = "en"
    client_name: str = ""
    client_zone: str = "UTC"
    user_zone: str = "UTC"
    client_work_start: time = time(9)
    client_work_end: time = time(18)
    style: StyleProfile | None = None
    open_questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    thread_length: int = 0
    thread_has_human_moment: bool = True
    established: bool = False

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("CheckContext.now must be an aware datetime")

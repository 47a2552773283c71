"""What a suggested message is filled from. Times are aware UTC; the template
formats them in the client's zone (C1: day, date, clock time and zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from warmline.core.clock import format_date, format_local
from warmline.core.message import Emotion
from warmline.core.text import Lang


@lru_cache(maxsize=16384)
def local_text(dt: datetime, zone_name: str, lang: str) -> str:
    """`format_local`, cached: an agenda repeats the same few proposed times many times."""
    return format_local(dt, zone_name, lang)


@lru_cache(maxsize=16384)
def day_text(dt: datetime, zone_name: str, lang: str) -> str:
    """`format_date`, cached."""
    return format_date(dt, zone_name, lang)


@dataclass(frozen=True, slots=True)
class MessageContext:
    """The facts a template may use. Leave a field empty when it does not apply."""

    lang: Lang
    client_name: str
    client_zone: str = "UTC"
    my_name: str = ""
    project: str = ""
    what: str = ""  # the deliverable, or the promised thing
    at: datetime | None = None  # when it was delivered / is due / the meeting starts
    proposed: datetime | None = None  # a concrete time we propose (answer, call, next update)
    variant: str = ""  # a template's sub-case, e.g. "overdue", "lead", "30"
    questions: tuple[str, ...] = ()
    emotion: Emotion | None = None
    status_request: bool = False
    duration_minutes: int = 0
    city: str = ""
    days: int = 0  # days since something, when the template mentions it

    def when(self, dt: datetime | None) -> str:
        """A time in the client's zone, as they read it."""
        return "" if dt is None else local_text(dt, self.client_zone, self.lang)

    def day(self, dt: datetime | None) -> str:
        return "" if dt is None else day_text(dt, self.client_zone, self.lang)

    def pick(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

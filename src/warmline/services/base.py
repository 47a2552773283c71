"""What every use case needs: the engine, the clock, the user and input parsing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, time

from sqlalchemy import Engine

from warmline.config import Settings
from warmline.core.clock import parse_when, zone
from warmline.store.engine import ChangeCounter, change_counter, open_engine
from warmline.store.repository import DEFAULT_USER, Book


def system_now() -> datetime:
    return datetime.now(UTC)


class ServiceBase:
    """Holds the engine and the clock; each use case opens its own unit of work."""

    def __init__(
        self,
        engine: Engine,
        *,
        settings: Settings | None = None,
        username: str = DEFAULT_USER,
        clock: Callable[[], datetime] = system_now,
    ) -> None:
        self.engine = engine
        self.settings = settings or Settings()
        self.username = username
        self.clock = clock
        self._counter: ChangeCounter | None = None
        self._counter_made = False
        self._counter_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, *, demo: bool = False, **kwargs: object) -> ServiceBase:
        settings = kwargs.pop("settings", None) or Settings()
        assert isinstance(settings, Settings)
        return cls(open_engine(url or settings.book_url(demo)), settings=settings, **kwargs)  # type: ignore[arg-type]

    def book(self) -> Book:
        return Book(self.engine, self.username)

    def now(self) -> datetime:
        return self.clock()

    def book_version(self) -> int | None:
        """A number that changes whenever anything changes the book, in this process or
        another; None when the store cannot tell cheaply (then there is no version)."""
        if not self._counter_made:
            with self._counter_lock:
                if not self._counter_made:
                    self._counter = change_counter(self.engine)
                    self._counter_made = True
        return self._counter() if self._counter is not None else None

    def has_book_version(self) -> bool:
        """True when book_version() follows every change (SQLite files)."""
        return self.book_version() is not None

    def when(
        self,
        text: str | datetime | None,
        *,
        field: str = "time",
        zone_name: str | None = None,
        date_only_time: time = time(18, 0),
    ) -> datetime | None:
        """Parse user input to aware UTC; naive input is in `zone_name` (default: the user's zone)."""
        if text is None:
            return None
        if zone_name is None:
            with self.book() as repo:
                zone_name = repo.profile().timezone
        if isinstance(text, datetime):
            return (text if text.tzinfo else text.replace(tzinfo=zone(zone_name))).astimezone(UTC)
        return parse_when(text, zone_name, self.now(), field=field, date_only_time=date_only_time)

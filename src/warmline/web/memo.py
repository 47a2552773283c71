"""Results of expensive reads (today's agenda), kept until the book changes.

Building Today for hundreds of clients takes a good fraction of a second; a page
kept open all day, several tabs and a team on one server ask for it again and
again. A result is reused while it is younger than `ttl` seconds and no write
went through this app since it was computed (every POST/PATCH/PUT/DELETE bumps
the generation, before and after it runs). When the store can tell cheaply that
the book changed anywhere (`version`: SQLite's data_version, see
store.engine.ChangeCounter), a change made elsewhere (the CLI, an import in
another process) makes results stale at once too; otherwise it shows within
`ttl`. One computation per key runs at a time; concurrent requests for the same
key wait for it instead of repeating it, and reusing a kept result takes no lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from starlette.types import ASGIApp, Receive, Scope, Send

T = TypeVar("T")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class Memo:
    def __init__(
        self,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
        version: Callable[[], Hashable] | None = None,
        size: int = 2048,
    ) -> None:
        self.ttl = ttl
        self.size = size  # results kept at most (per-client pages): the oldest go first
        self.clock = clock
        self.version = version
        self.generation = 0
        self._entries: dict[Hashable, tuple[tuple[int, Hashable], float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def bump(self) -> None:
        """The book changed: every kept result is stale."""
        with self._guard:
            self.generation += 1

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def stamp(self) -> tuple[int, Hashable]:
        """What a kept result must still match: this app's writes, and the book's version."""
        return (self.generation, self.version() if self.version is not None else None)

    def get(
        self,
        key: Hashable,
        compute: Callable[[], T],
        *,
        fresh: bool = False,
        exact: bool = False,
    ) -> T:
        """The kept result for `key`, or `compute()` (kept for next time).

        `exact`: reuse only when a change made anywhere would be seen (a `version` to
        check); without one, compute every time, as if there were no memo.
        """
        if exact and self.version is None:
            return compute()
        if not fresh:
            # Reusing needs no lock: reading a dict entry is atomic.
            entry = self._entries.get(key)
            if entry is not None and self._valid(entry, self.stamp()):
                value: T = entry[2]
                return value
        with self._lock(key):
            # Read before computing: a write that lands meanwhile makes the entry
            # stale at once.
            stamp = self.stamp()
            entry = self._entries.get(key)
            if not fresh and entry is not None and self._valid(entry, stamp):
                value = entry[2]  # computed by the request we waited for
                return value
            value = compute()
            self._keep(key, (stamp, self.clock(), value))
            return value

    def _keep(self, key: Hashable, entry: tuple[tuple[int, Hashable], float, Any]) -> None:
        with self._guard:
            self._entries.pop(key, None)  # to the end: the newest result
            self._entries[key] = entry
            while len(self._entries) > self.size:
                oldest = next(iter(self._entries))
                del self._entries[oldest]
                self._locks.pop(oldest, None)

    def peek(self, key: Hashable) -> Any | None:
        """The kept result for `key` if it may be reused now, else None (never computes)."""
        entry = self._entries.get(key)
        return entry[2] if entry is not None and self._valid(entry, self.stamp()) else None

    def _valid(self, entry: tuple[tuple[int, Hashable], float, Any], stamp: Hashable) -> bool:
        return entry[0] == stamp and self.clock() - entry[1] < self.ttl


# POSTs that only read (a draft to check, a message to read): they change nothing.
READ_ONLY_POSTS = frozenset({"/coach/check", "/api/coach/check", "/read", "/api/read"})


class BumpOnWrite:
    """ASGI middleware: any unsafe request marks the memo stale, before and after
    (except the POSTs that only read)."""

    def __init__(self, app: ASGIApp, memo: Memo) -> None:
        self.app = app
        self.memo = memo

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in SAFE_METHODS
            or scope["path"] in READ_ONLY_POSTS
        ):
            await self.app(scope, receive, send)
            return
        self.memo.bump()
        try:
            await self.app(scope, receive, send)
        finally:
            self.memo.bump()

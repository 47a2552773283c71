"""Results of expensive reads (today's agenda), kept until the book changes.

Building Today for hundreds of clients takes a good fraction of a second; a page
kept open all day, several tabs and a team on one server ask for it again and
again. A result is reused while it is younger than `ttl` seconds and no write
went through this app since it was computed (every POST/PATCH/PUT/DELETE bumps
the generation, before and after it runs). Changes made elsewhere (the CLI, an
import in another process) show within `ttl`. One computation per key runs at a
time; concurrent requests for the same key wait for it instead of repeating it.
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
    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self.generation = 0
        self._entries: dict[Hashable, tuple[int, float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def bump(self) -> None:
        """The book changed: every kept result is stale."""
        with self._guard:
            self.generation += 1

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def get(self, key: Hashable, compute: Callable[[], T], *, fresh: bool = False) -> T:
        """The kept result for `key`, or `compute()` (kept for next time)."""
        with self._lock(key):
            generation = self.generation
            entry = self._entries.get(key)
            if (
                not fresh
                and entry is not None
                and entry[0] == generation
                and self.clock() - entry[1] < self.ttl
            ):
                value: T = entry[2]
                return value
            value = compute()
            # Tagged with the generation seen *before* computing: a write that landed
            # meanwhile makes this entry stale at once.
            self._entries[key] = (generation, self.clock(), value)
            return value


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

"""The memo keeps Today until the book changes through the app, or it ages."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import NOW
from tests.web.conftest import Cast
from warmline.services import Services
from warmline.web.memo import Memo


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_result_is_reused_until_a_write_or_the_ttl() -> None:
    clock = Clock()
    memo = Memo(ttl=60, clock=clock)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert memo.get("k", compute) == 1
    assert memo.get("k", compute) == 1
    memo.bump()
    assert memo.get("k", compute) == 2
    clock.now = 59.9
    assert memo.get("k", compute) == 2
    clock.now = 61
    assert memo.get("k", compute) == 3
    assert memo.get("k", compute, fresh=True) == 4
    assert memo.get("other", compute) == 5


def test_a_write_during_a_computation_makes_its_result_stale_at_once() -> None:
    memo = Memo(ttl=60)
    values = iter([1, 2])

    def slow_compute() -> int:
        memo.bump()  # a write lands while we compute
        return next(values)

    assert memo.get("k", slow_compute) == 1
    assert memo.get("k", lambda: 2) == 2


def test_concurrent_requests_for_the_same_key_compute_once() -> None:
    memo = Memo(ttl=60)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(memo.get("k", compute))) for _ in range(8)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [42] * 8 and len(calls) == 1


def test_today_changes_at_once_after_a_write_through_the_app_or_elsewhere(
    web: TestClient, book: Services, cast: Cast
) -> None:
    first = {i["client_name"] for i in web.get("/api/today").json()}
    assert "王建国" in first
    # A write elsewhere (the CLI, another process) changes the SQLite book's version:
    # Today is computed again at once.
    book.log_message(
        cast.wang, "out", "王总，进度：周三 18:00 前发您。", at=NOW - timedelta(minutes=1)
    )
    assert "王建国" not in {i["client_name"] for i in web.get("/api/today").json()}
    # A write through the app is seen at once.
    web.post(
        f"/api/clients/{cast.li}/messages", json={"direction": "in", "text": "报价什么时候能发？"}
    )
    assert "李娜" in {i["client_name"] for i in web.get("/api/today").json()}


def test_without_a_book_version_a_write_elsewhere_shows_when_the_memo_ages_or_on_fresh() -> None:
    clock = Clock()
    memo = Memo(ttl=60, clock=clock)  # PostgreSQL: the store has no cheap version
    book = {"items": 1}
    assert memo.get("today", lambda: book["items"]) == 1
    book["items"] = 2  # written by another process
    assert memo.get("today", lambda: book["items"]) == 1
    assert memo.get("today", lambda: book["items"], fresh=True) == 2
    book["items"] = 3
    clock.now = 61
    assert memo.get("today", lambda: book["items"]) == 3


def test_a_changed_book_version_makes_every_kept_result_stale() -> None:
    version = [7]
    memo = Memo(ttl=60, clock=Clock(), version=lambda: version[0])
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(calls)

    assert memo.get("a", lambda: compute("a")) == 1
    assert memo.get("b", lambda: compute("b"), exact=True) == 2
    assert memo.get("a", lambda: compute("a")) == 1
    assert memo.get("b", lambda: compute("b"), exact=True) == 2
    version[0] = 8
    assert memo.get("a", lambda: compute("a")) == 3
    assert memo.get("b", lambda: compute("b"), exact=True) == 4


def test_an_exact_result_is_never_reused_without_a_book_version() -> None:
    memo = Memo(ttl=60, clock=Clock())
    values = iter([1, 2])
    assert memo.get("profile", lambda: next(values), exact=True) == 1
    assert memo.get("profile", lambda: next(values), exact=True) == 2


def test_the_ui_language_follows_a_change_made_outside_the_app(
    web: TestClient, book: Services
) -> None:
    assert web.get("/api/session").json()["ui_language"] == book.profile().ui_language
    other = "en" if book.profile().ui_language == "zh" else "zh"
    book.set_profile(ui_language=other)  # the CLI, say
    assert web.get("/api/session").json()["ui_language"] == other


def test_checking_a_draft_does_not_make_today_stale(web: TestClient, cast: Cast) -> None:
    memo = web.app.state.memo  # type: ignore[attr-defined]
    web.get("/api/today")
    generation = memo.generation
    web.post("/api/coach/check", json={"text": "下周发您", "client_id": cast.wang})
    web.post("/coach/check", data={"text": "下周发您", "client_id": cast.wang})
    assert memo.generation == generation
    web.post(f"/api/clients/{cast.wang}/notes", json={"text": "喜欢喝茶"})
    assert memo.generation > generation


def test_the_memo_keeps_at_most_its_size_dropping_the_oldest_results() -> None:
    memo = Memo(ttl=60, clock=Clock(), size=3)
    calls: list[str] = []

    def compute(key: str) -> str:
        calls.append(key)
        return key

    for key in ("a", "b", "c", "d"):
        memo.get(key, lambda key=key: compute(key))
    assert memo.get("d", lambda: "again") == "d"
    assert memo.get("b", lambda: "again") == "b"
    assert memo.get("a", lambda: "again") == "again"  # the oldest went first
    assert calls == ["a", "b", "c", "d"]

"""A large export parsed in a forked second process gives what parsing it inline gives."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, SkipLog, ahead, read
from warmline.ingest.ahead import read_ahead, worth_a_process

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def test_messages_skips_and_order_are_those_of_the_inline_parse(fixtures: Path) -> None:
    path = fixtures / "telegram" / "result.json"
    inline_skips, forked_skips = SkipLog(), SkipLog()
    inline = list(read(path, skipped=inline_skips))
    forked = list(read_ahead(lambda skips: read(path, skipped=skips), forked_skips, method="fork"))
    assert forked == inline
    assert forked_skips.counts == inline_skips.counts == {"unsupported": 1}
    assert forked_skips.samples == inline_skips.samples


def test_a_parse_error_comes_back_after_the_messages_before_it(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "CHUNK", 1)
    path = fixtures / "telegram" / "truncated.json"
    got: list[ImportedMessage] = []
    with pytest.raises(WarmlineError, match=r"truncated\.json: line \d+: .*truncated"):
        for item in read_ahead(lambda skips: read(path, skipped=skips), SkipLog(), method="fork"):
            got.append(item)
    inline: list[ImportedMessage] = []
    with pytest.raises(WarmlineError):
        for item in read(path):
            inline.append(item)
    assert got == inline


def _endless(skips: SkipLog) -> Iterator[ImportedMessage]:
    from datetime import UTC, datetime

    n = 0
    while True:
        n += 1
        yield ImportedMessage(
            "csv", f"x{n}", "t", datetime(2026, 1, 1, tzinfo=UTC), 0, "a", "a", "hi", "csv"
        )


def test_stopping_early_stops_the_child() -> None:
    stream = read_ahead(_endless, SkipLog(), method="fork")
    first = [next(stream) for _ in range(5)]
    assert [m.external_id for m in first] == ["x1", "x2", "x3", "x4", "x5"]
    stream.close()  # the finally block terminates and joins the child
    import multiprocessing

    assert not multiprocessing.active_children()


def test_an_error_that_cannot_be_pickled_arrives_as_its_text() -> None:
    class Odd(Exception):
        def __init__(self, a: str, b: str) -> None:
            super().__init__(f"{a} {b}")

    def broken(skips: SkipLog) -> Iterator[ImportedMessage]:
        raise Odd("odd", "failure")
        yield  # pragma: no cover

    with pytest.raises(WarmlineError, match="odd failure"):
        list(read_ahead(broken, SkipLog(), method="fork"))


def test_only_large_files_are_worth_a_process(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("x")
    assert not worth_a_process(small)
    assert not worth_a_process(tmp_path)  # a folder is parsed inline
    large = tmp_path / "large.txt"
    with large.open("wb") as out:
        out.truncate(ahead.MIN_BYTES)
    import os

    assert worth_a_process(large) == ((os.cpu_count() or 1) >= 2)


def test_a_spawned_child_parses_what_a_forked_one_does(fixtures: Path) -> None:
    path = fixtures / "telegram" / "result.json"
    parse = partial(read, path, None, None)
    spawned = list(read_ahead(parse, SkipLog(), method="spawn"))
    assert spawned == list(read(path))


def test_a_child_that_cannot_start_leaves_the_parse_to_this_process(fixtures: Path) -> None:
    path = fixtures / "telegram" / "result.json"
    parent = os.getpid()

    def parse(skips: SkipLog) -> Iterator[ImportedMessage]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before sending anything
        return read(path, skipped=skips)

    skips = SkipLog()
    assert list(read_ahead(parse, skips, method="fork")) == list(read(path))
    assert skips.counts == {"unsupported": 1}


def _pid(item: ImportedMessage) -> int:
    return os.getpid()


def test_beside_runs_in_the_child_while_this_process_is_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ahead, "CHUNK", 5)
    monkeypatch.setattr(ahead, "BEHIND", 0)  # always "behind": the child runs beside
    stream = read_ahead(_endless, SkipLog(), method="fork", beside=_pid)
    got = [next(stream) for _ in range(20)]
    stream.close()
    assert {m.early for m in got} - {os.getpid()} and None not in {m.early for m in got}


def test_beside_waits_while_this_process_keeps_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "BEHIND", 10**9)  # never behind: the child only parses
    stream = read_ahead(_endless, SkipLog(), method="fork", beside=_pid)
    got = [next(stream) for _ in range(20)]
    stream.close()
    assert {m.early for m in got} == {None}
    assert got[0] == ImportedMessage(  # `early` plays no part in a message's equality
        "csv", "x1", "t", got[0].sent_at, 0, "a", "a", "hi", "csv", early=1
    )

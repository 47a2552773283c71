"""Wall-clock exports: the DST gap and fold rules, pinned."""

from __future__ import annotations

from datetime import UTC, datetime

from warmline.ingest.wallclock import is_fold, is_gap, wall_to_utc


def test_a_gap_time_moves_past_the_gap() -> None:
    naive = datetime(2024, 3, 31, 1, 30)  # London jumps from 01:00 GMT to 02:00 BST
    assert is_gap(naive, "Europe/London")
    # Read with the offset before the change (GMT): 01:30 UTC, which is 02:30 BST.
    assert wall_to_utc(naive, "Europe/London") == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)


def test_a_fold_time_is_the_first_occurrence() -> None:
    naive = datetime(2024, 10, 27, 1, 30)  # London falls back at 01:00 UTC
    assert is_fold(naive, "Europe/London")
    assert wall_to_utc(naive, "Europe/London") == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)


def test_an_ordinary_time_is_neither() -> None:
    naive = datetime(2024, 6, 1, 9, 0)
    assert not is_gap(naive, "Asia/Shanghai") and not is_fold(naive, "Asia/Shanghai")
    assert wall_to_utc(naive, "Asia/Shanghai") == datetime(2024, 6, 1, 1, 0, tzinfo=UTC)

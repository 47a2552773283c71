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


def test_the_hour_cache_gives_what_the_plain_conversion_gives_across_dst_days() -> None:
    from datetime import timedelta

    from warmline.ingest.wallclock import WallClock

    for zone_name in ("America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai"):
        clock = WallClock(zone_name)
        for start in (
            datetime(2024, 3, 9, 20, 0),
            datetime(2024, 4, 6, 20, 0),
            datetime(2024, 10, 5, 20, 0),
            datetime(2024, 11, 2, 20, 0),
            datetime(2024, 10, 26, 20, 0),
            datetime(2024, 3, 30, 20, 0),
        ):
            for minutes in range(0, 12 * 60, 7):
                naive = start + timedelta(minutes=minutes)
                assert clock.to_utc(naive) == wall_to_utc(naive, zone_name), (zone_name, naive)

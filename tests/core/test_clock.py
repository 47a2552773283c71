"""Parsing user-entered times and formatting times for people (C1)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmline.core.clock import format_date, format_local, local, parse_when, zone, zone_label
from warmline.core.error import WarmlineError

# Monday 23 November 2026, 10:00 in Shanghai.
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_a_naive_iso_time_is_read_in_the_given_zone() -> None:
    assert parse_when("2026-11-28T10:00", "Asia/Shanghai", NOW) == datetime(
        2026, 11, 28, 2, 0, tzinfo=UTC
    )


def test_an_iso_time_with_an_offset_keeps_its_offset() -> None:
    assert parse_when("2026-11-28T10:00+01:00", "Asia/Shanghai", NOW) == datetime(
        2026, 11, 28, 9, 0, tzinfo=UTC
    )
    assert parse_when("2026-11-28T10:00Z", "Asia/Shanghai", NOW) == datetime(
        2026, 11, 28, 10, 0, tzinfo=UTC
    )


def test_a_date_alone_means_the_end_of_that_working_day() -> None:
    assert local(parse_when("2026-11-28", "Europe/London", NOW), "Europe/London").time() == time(
        18, 0
    )


def test_words_and_offsets_are_relative_to_now_in_the_zone() -> None:
    assert parse_when("tomorrow 15:00", "Asia/Shanghai", NOW) == datetime(
        2026, 11, 24, 7, 0, tzinfo=UTC
    )
    assert parse_when("明天 09:30", "Asia/Shanghai", NOW) == datetime(
        2026, 11, 24, 1, 30, tzinfo=UTC
    )
    assert parse_when("+2d", "Asia/Shanghai", NOW) == datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    assert parse_when("-3h", "UTC", NOW) == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)


def test_today_is_the_day_in_the_zone_not_in_utc() -> None:
    # At 02:00 UTC it is already Monday in Shanghai but still Sunday in New York.
    assert local(parse_when("today", "America/New_York", NOW), "America/New_York").day == 22
    assert local(parse_when("today", "Asia/Shanghai", NOW), "Asia/Shanghai").day == 23


@pytest.mark.parametrize(
    "bad", ["", "soon", "2026-13-01", "25:00", "tomorrow 25:61", "2026-11-31T10:00"]
)
def test_unreadable_times_name_the_field_and_the_fix(bad: str) -> None:
    with pytest.raises(WarmlineError, match=r"^--due: .*(ISO 8601|HH:MM)"):
        parse_when(bad, "UTC", NOW, field="--due")


def test_an_unknown_zone_is_a_clear_error() -> None:
    with pytest.raises(WarmlineError, match="unknown zone 'Europe/Lodnon'"):
        zone("Europe/Lodnon")


def test_times_are_written_with_day_date_clock_and_zone() -> None:
    sat = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    assert format_local(sat, "Asia/Shanghai", "zh") == "周六（11月28日）上午 10:00（北京时间）"
    assert format_local(sat, "Europe/London", "en") == "Sat 28 Nov, 02:00 (London time)"
    assert format_date(sat, "Asia/Shanghai", "zh") == "周六（11月28日）"
    assert zone_label("America/Argentina/Buenos_Aires", "en") == "Buenos Aires time"


@given(
    st.datetimes(timezones=st.just(UTC)),
    st.sampled_from(["Asia/Shanghai", "America/New_York", "Australia/Sydney", "Asia/Kathmandu"]),
)
def test_an_aware_iso_time_round_trips_through_parse_when(dt: datetime, zone_name: str) -> None:
    dt = dt.replace(microsecond=0)
    assert parse_when(dt.isoformat(), zone_name, NOW) == dt

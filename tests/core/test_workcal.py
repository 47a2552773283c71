"""Working calendars: hours, weekends, public holidays, China's swapped working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.core.clock import zone
from warmline.core.error import WarmlineError
from warmline.core.workcal import (
    WorkCalendar,
    check_country,
    country_for_zone,
    first_shared_slot,
    schedule_known,
)

SHANGHAI = WorkCalendar("Asia/Shanghai")
NEW_YORK = WorkCalendar("America/New_York")
SYDNEY = WorkCalendar("Australia/Sydney")


def at(local: str, zone_name: str = "Asia/Shanghai") -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=zone(zone_name))


def test_national_day_week_is_off_in_china() -> None:
    for day in range(1, 8):
        assert not SHANGHAI.is_working_day(date(2026, 10, day))


def test_the_swapped_saturday_after_national_day_is_a_working_day() -> None:
    assert date(2026, 10, 10).weekday() == 5
    assert SHANGHAI.is_swapped_workday(date(2026, 10, 10))
    assert SHANGHAI.is_working_day(date(2026, 10, 10))
    # ...and the Sunday before the holiday (20 September) too.
    assert SHANGHAI.is_working_day(date(2026, 9, 20))


def test_an_ordinary_weekend_is_off() -> None:
    assert not SHANGHAI.is_working_day(date(2026, 10, 17))
    assert not SHANGHAI.is_working_day(date(2026, 10, 11))


def test_a_freelancer_can_keep_swapped_weekends_free() -> None:
    free = WorkCalendar("Asia/Shanghai", swapped_workdays=False)
    assert not free.is_working_day(date(2026, 10, 10))


def test_swapped_days_do_not_leak_into_other_countries() -> None:
    assert not WorkCalendar("Europe/London").is_working_day(date(2026, 10, 10))


def test_the_country_is_derived_from_the_zone() -> None:
    assert country_for_zone("Asia/Shanghai") == "CN"
    assert country_for_zone("Asia/Chongqing") == "CN"
    assert country_for_zone("Europe/London") == "GB"
    assert country_for_zone("America/New_York") == "US"
    assert country_for_zone("UTC") == ""
    assert WorkCalendar("Australia/Sydney").holiday_country == "AU"


def test_an_explicit_country_wins_over_the_zone() -> None:
    # A client in Shanghai who keeps US holidays.
    cal = WorkCalendar("Asia/Shanghai", country="US")
    assert cal.is_working_day(date(2026, 10, 1))
    assert not cal.is_working_day(date(2026, 11, 26))  # Thanksgiving


def test_sydney_follows_new_south_wales_holidays() -> None:
    assert not SYDNEY.is_working_day(date(2026, 1, 26))  # Australia Day
    assert SYDNEY.holiday_name(date(2026, 1, 26), "en") == "Australia Day"


def test_holiday_names_come_in_chinese_and_english() -> None:
    assert SHANGHAI.holiday_name(date(2026, 10, 1), "zh") == "国庆节"
    assert SHANGHAI.holiday_name(date(2026, 10, 1), "en") == "National Day"
    assert NEW_YORK.holiday_name(date(2026, 11, 26), "zh") == "感恩节"
    assert SHANGHAI.holiday_name(date(2026, 10, 14), "en") == ""


def test_working_time_skips_nights_weekends_holidays_and_counts_the_swapped_saturday() -> None:
    # Wed 30 Sep 16:00 -> Mon 12 Oct 11:00: 2 h + Thu 8 + Fri 9 + swapped Sat 10 + Mon 2 h.
    got = SHANGHAI.working_time_between(at("2026-09-30 16:00"), at("2026-10-12 11:00"))
    assert got == timedelta(hours=2 + 9 + 9 + 9 + 2)


def test_working_time_is_zero_backwards_and_can_be_capped() -> None:
    a, b = at("2026-11-23 10:00"), at("2026-11-27 10:00")
    assert SHANGHAI.working_time_between(b, a) == timedelta(0)
    assert SHANGHAI.working_time_between(a, b, limit=timedelta(hours=5)) == timedelta(hours=5)


def test_adding_working_time_jumps_over_the_golden_week() -> None:
    got = SHANGHAI.add_working_time(at("2026-09-30 16:00"), timedelta(hours=3))
    assert got == at("2026-10-08 10:00")


def test_clamp_keeps_a_moment_inside_working_hours() -> None:
    inside = at("2026-11-24 10:17")
    assert SHANGHAI.clamp_to_working_hours(inside) == inside


def test_clamp_moves_a_night_to_the_next_morning_and_a_friday_evening_to_monday() -> None:
    assert SHANGHAI.clamp_to_working_hours(at("2026-11-24 02:00")) == at("2026-11-24 09:00")
    assert SHANGHAI.clamp_to_working_hours(at("2026-11-27 18:00")) == at("2026-11-30 09:00")


def test_clamp_leaves_room_before_the_window_ends() -> None:
    got = SHANGHAI.clamp_to_working_hours(at("2026-11-24 17:50"), room=timedelta(minutes=30))
    assert got == at("2026-11-25 09:00")


def test_new_york_morning_moves_an_hour_in_utc_across_the_dst_change() -> None:
    # Friday 6 March 2026 evening -> Monday 9 March, the first weekday on daylight time.
    monday = NEW_YORK.next_working_moment(at("2026-03-06 19:00", "America/New_York"))
    assert monday == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)  # 09:00 EDT
    friday = NEW_YORK.next_working_moment(at("2026-03-06 07:00", "America/New_York"))
    assert friday == datetime(2026, 3, 6, 14, 0, tzinfo=UTC)  # 09:00 EST


def test_working_hours_must_end_after_they_start() -> None:
    with pytest.raises(WarmlineError, match="working hours"):
        WorkCalendar("Asia/Shanghai", work_start=time(18), work_end=time(9))


def test_an_unknown_country_code_is_a_one_line_error() -> None:
    assert check_country(" cn ") == "CN"
    with pytest.raises(WarmlineError, match="country"):
        check_country("XX")


def test_the_china_schedule_is_official_for_2026() -> None:
    assert schedule_known("CN", 2026)
    assert schedule_known("US", 2031)


def test_shanghai_and_sydney_share_a_morning_slot() -> None:
    # Mon 23 Nov 2026, 07:00 in Shanghai = 10:00 in Sydney (daylight time).
    slot = first_shared_slot((SHANGHAI, SYDNEY), at("2026-11-23 07:00"))
    assert slot == at("2026-11-23 09:00")
    assert SYDNEY.is_working_moment(slot) and SHANGHAI.is_working_moment(slot)


def test_shanghai_and_new_york_share_no_office_hours_in_winter() -> None:
    assert first_shared_slot((SHANGHAI, NEW_YORK), at("2026-11-23 07:00")) is None


CALENDARS = st.sampled_from(
    [
        SHANGHAI,
        NEW_YORK,
        SYDNEY,
        WorkCalendar("Europe/London"),
        WorkCalendar("Asia/Dubai", work_days=(6, 0, 1, 2, 3)),
        WorkCalendar("Asia/Kolkata", work_start=time(10), work_end=time(19, 30)),
    ]
)
MOMENTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=150, deadline=None)
@given(cal=CALENDARS, moment=MOMENTS)
def test_clamping_gives_the_earliest_working_moment(cal: WorkCalendar, moment: datetime) -> None:
    got = cal.clamp_to_working_hours(moment)
    assert got >= moment
    assert cal.is_working_moment(got)
    assert cal.working_time_between(moment, got) == timedelta(0)


@settings(max_examples=150, deadline=None)
@given(cal=CALENDARS, moment=MOMENTS, minutes=st.integers(min_value=1, max_value=60 * 60))
def test_adding_working_time_and_measuring_it_agree(
    cal: WorkCalendar, moment: datetime, minutes: int
) -> None:
    amount = timedelta(minutes=minutes)
    end = cal.add_working_time(moment, amount)
    assert cal.working_time_between(moment, end) == amount

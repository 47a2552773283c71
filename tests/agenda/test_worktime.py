"""The indexed working time answers exactly as the working calendar it indexes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.agenda.worktime import WorkingTime
from warmline.core.workcal import WorkCalendar

# Monday 23 November 2026, 10:00 in Shanghai.
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
# Lin in Shanghai (National Day and its swapped Saturday), Maria in New York (DST
# changes), Tom in Sydney (his working day starts while ours has not).
CALENDARS = (
    WorkCalendar("Asia/Shanghai", "CN"),
    WorkCalendar("America/New_York", "US"),
    WorkCalendar("Australia/Sydney", "AU"),
)
INDEXED = tuple(WorkingTime(cal, NOW, days_back=120, days_ahead=30) for cal in CALENDARS)

# Moments from well before the indexed days to well after them, to the microsecond.
moments = st.integers(min_value=-200 * 86_400, max_value=60 * 86_400).flatmap(
    lambda s: st.integers(min_value=0, max_value=999_999).map(
        lambda us: NOW + timedelta(seconds=s, microseconds=us)
    )
)
spans = st.integers(min_value=0, max_value=40 * 86_400).map(lambda s: timedelta(seconds=s))
which = st.integers(min_value=0, max_value=len(CALENDARS) - 1)


@settings(max_examples=150)
@given(which=which, a=moments, b=moments, limit=st.none() | spans)
def test_working_time_between_two_moments_is_the_calendars(
    which: int, a: datetime, b: datetime, limit: timedelta | None
) -> None:
    cal, fast = CALENDARS[which], INDEXED[which]
    assert fast.working_time_between(a, b, limit=limit) == cal.working_time_between(
        a, b, limit=limit
    )


@settings(max_examples=150)
@given(which=which, start=moments, amount=spans)
def test_adding_working_time_lands_where_the_calendar_says(
    which: int, start: datetime, amount: timedelta
) -> None:
    cal, fast = CALENDARS[which], INDEXED[which]
    got = fast.add_working_time(start, amount)
    assert got == cal.add_working_time(start, amount) and got.tzinfo == UTC


@settings(max_examples=150)
@given(which=which, moment=moments)
def test_the_next_working_moment_is_the_calendars(which: int, moment: datetime) -> None:
    cal, fast = CALENDARS[which], INDEXED[which]
    assert fast.next_working_moment(moment) == cal.next_working_moment(moment)


def test_national_day_week_counts_the_swapped_saturday_and_not_the_holiday() -> None:
    lin = WorkingTime(WorkCalendar("Asia/Shanghai", "CN"), datetime(2026, 10, 12, tzinfo=UTC))
    # Off 1-7 October; Thursday 8, Friday 9 and the swapped Saturday 10 are working days.
    start = datetime(2026, 9, 30, 10, 0, tzinfo=UTC)  # Wednesday 30 Sep, 18:00 Beijing
    end = datetime(2026, 10, 12, 1, 0, tzinfo=UTC)  # Monday 12 Oct, 09:00 Beijing
    assert lin.working_time_between(start, end) == timedelta(hours=9 * 3)
    assert lin.working_time_between(start, end) == lin.calendar.working_time_between(start, end)

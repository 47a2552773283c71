"""Fixers: every time the coach proposes is exact, in the future, in the client's hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.coach import CheckContext, check
from warmline.coach.day import named_day
from warmline.coach.fix import next_working_close, resolve_vague_time, vague_time_anchor
from warmline.core.clock import format_local, local

ZONES = [
    "Asia/Shanghai",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "UTC",
]
PHRASES = [
    "周末",
    "下周",
    "下周末",
    "晚点",
    "尽快",
    "过几天",
    "过两天",
    "改天",
    "月底前后",
    "下个月",
    "月初",
    "月中",
    "近期",
    "本周内",
    "this weekend",
    "next week",
    "later",
    "soon",
    "ASAP",
    "EOD",
    "end of the month",
    "in a few days",
    "at some point",
    "later this week",
]

instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


@st.composite
def working_hours(draw: st.DrawFn) -> tuple[time, time]:
    start = draw(st.integers(min_value=6 * 60, max_value=12 * 60))
    length = draw(st.integers(min_value=4 * 60, max_value=11 * 60))
    end = min(start + length, 23 * 60 + 59)
    return time(start // 60, start % 60), time(end // 60, end % 60)


def _inside(t: time, hours: tuple[time, time]) -> bool:
    return hours[0] <= t < hours[1]


@settings(max_examples=300, deadline=None)
@given(
    now=instants,
    zone=st.sampled_from(ZONES),
    phrase=st.sampled_from(PHRASES),
    hours=working_hours(),
)
def test_a_resolved_time_is_later_and_inside_the_clients_hours(
    now: datetime, zone: str, phrase: str, hours: tuple[time, time]
) -> None:
    when = resolve_vague_time(phrase, now, zone, *hours)
    assert when > now
    assert _inside(local(when, zone).time(), hours)


@settings(max_examples=200, deadline=None)
@given(now=instants, zone=st.sampled_from(ZONES), hours=working_hours(), days=st.integers(1, 5))
def test_an_answer_by_time_is_a_working_day_inside_the_hours(
    now: datetime, zone: str, hours: tuple[time, time], days: int
) -> None:
    by = next_working_close(now, zone, *hours, days=days)
    here = local(by, zone)
    assert by > now
    assert here.weekday() < 5
    assert _inside(here.time(), hours)


@settings(max_examples=150, deadline=None)
@given(now=instants, zone=st.sampled_from(ZONES), hours=working_hours())
def test_check_suggests_the_resolved_time_for_the_client(
    now: datetime, zone: str, hours: tuple[time, time]
) -> None:
    ctx = CheckContext(
        now=now, client_zone=zone, client_work_start=hours[0], client_work_end=hours[1]
    )
    for draft, phrase, lang in (("周末发您", "周末", "zh"), ("I'll send it later", "later", "en")):
        [finding] = check(draft, ctx)
        expected = resolve_vague_time(phrase, now, zone, *hours)
        assert finding.suggestion == format_local(expected, zone, lang)


def test_a_weekend_stays_a_weekend() -> None:
    # Sunday 15:00 in New York: the coming weekend is over, so the next Saturday.
    sunday = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    when = local(
        resolve_vague_time("周末", sunday, "America/New_York", time(9), time(18)),
        "America/New_York",
    )
    assert (when.weekday(), when.date().day, when.hour) == (5, 5, 10)


def test_other_phrases_land_on_a_weekday() -> None:
    friday_evening = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)  # 19:00 in London
    when = local(
        resolve_vague_time("ASAP", friday_evening, "Europe/London", time(9), time(18)),
        "Europe/London",
    )
    assert when.weekday() == 0


def test_the_client_zone_decides_the_day() -> None:
    # 23:30 Tuesday in London is already Wednesday morning in Beijing.
    now = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    london = resolve_vague_time("later", now, "Europe/London", time(9), time(18))
    beijing = resolve_vague_time("later", now, "Asia/Shanghai", time(9), time(18))
    assert (local(london, "Europe/London").day, local(london, "Europe/London").hour) == (25, 10)
    assert (local(beijing, "Asia/Shanghai").day, local(beijing, "Asia/Shanghai").hour) == (25, 10)
    assert london - beijing == timedelta(hours=8)


def test_anchors_read_the_phrase() -> None:
    assert vague_time_anchor("下周末") == "next-weekend"
    assert vague_time_anchor("this weekend") == "weekend"
    assert vague_time_anchor("by end of day") == "eod"
    assert vague_time_anchor("等会儿") == "soon"
    assert vague_time_anchor("something else") == "another-day"


def test_a_dated_answer_promise_is_one_working_day_later(
    wednesday_in_beijing: CheckContext,
) -> None:
    [finding] = check("I don't know yet", replace(wednesday_in_beijing, client_zone="Europe/Paris"))
    assert "Thu 26 Nov, 17:00 (Paris time)" in finding.suggestion


def test_a_day_of_the_month_that_has_passed_is_next_month_not_next_year() -> None:
    wednesday = date(2026, 11, 25)
    assert named_day("the 3rd", wednesday) == (date(2026, 12, 3), "day")
    assert named_day("3号下午", wednesday) == (date(2026, 12, 3), "afternoon")
    assert named_day("30号", wednesday) == (date(2026, 11, 30), "day")
    assert named_day("the 31st", wednesday) == (date(2026, 12, 31), "day")
    assert named_day("3号", date(2026, 12, 25)) == (date(2027, 1, 3), "day")

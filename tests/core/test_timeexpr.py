"""Time expressions in chat messages, resolved in the right zone (C1, T2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from warmline.core.clock import format_local
from warmline.core.timeexpr import VAGUE_KINDS, TimeMention, find_times, zh_number

SHANGHAI = "Asia/Shanghai"
NEW_YORK = "America/New_York"


def at(zone: str, *args: int) -> datetime:
    """A wall-clock time in a zone, as aware UTC."""
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # type: ignore[misc]


def only(text: str, now: datetime, zone: str = SHANGHAI, lang: str | None = None) -> TimeMention:
    found = find_times(text, now, zone, lang)
    assert len(found) == 1, found
    return found[0]


# Wang Fang (Shanghai) writes on Wednesday 25 Nov 2026, 10:00 Beijing time.
WEDNESDAY = at(SHANGHAI, 2026, 11, 25, 10, 0)


@pytest.mark.parametrize(
    ("text", "expected", "precise"),
    [
        ("我周五前把方案发您", (2026, 11, 27, 18, 0), False),
        ("明天下午3点半开会", (2026, 11, 26, 15, 30), True),
        ("后天上午10点", (2026, 11, 27, 10, 0), True),
        ("大后天给您", (2026, 11, 28, 18, 0), False),
        ("下周三上午10点可以吗", (2026, 12, 2, 10, 0), True),
        ("这周五下班前", (2026, 11, 27, 18, 0), False),
        ("星期五晚上8点", (2026, 11, 27, 20, 0), True),
        ("礼拜五给你", (2026, 11, 27, 18, 0), False),
        ("11月28日前交稿", (2026, 11, 28, 18, 0), False),
        ("11.28前交", (2026, 11, 28, 18, 0), False),
        ("28号之前给我", (2026, 11, 28, 18, 0), False),
        ("１１月２８日", (2026, 11, 28, 18, 0), False),
        ("今晚8点", (2026, 11, 25, 20, 0), True),
        ("明天15:00", (2026, 11, 26, 15, 0), True),
        ("明天 15：00", (2026, 11, 26, 15, 0), True),
        ("凌晨2点", (2026, 11, 26, 2, 0), False),
        ("下午三点一刻前", (2026, 11, 25, 15, 15), False),
        ("月底前发您", (2026, 11, 30, 18, 0), False),
        ("下个月底", (2026, 12, 31, 18, 0), False),
        ("3天内给您", (2026, 11, 28, 18, 0), False),
        ("两个小时后", (2026, 11, 25, 12, 0), True),
        ("2026-12-01 09:30", (2026, 12, 1, 9, 30), True),
        ("2026年12月1日上午九点", (2026, 12, 1, 9, 0), True),
    ],
)
def test_it_resolves_chinese_deadlines_in_beijing_time(
    text: str, expected: tuple[int, ...], precise: bool
) -> None:
    mention = only(text, WEDNESDAY)
    assert mention.value == at(SHANGHAI, *expected)
    assert mention.precise is precise
    assert (mention.vague_kind is None) is precise


@pytest.mark.parametrize(
    ("text", "expected", "precise"),
    [
        ("I'll send the quote by 3 pm tomorrow", (2026, 11, 26, 15, 0), True),
        ("tomorrow", (2026, 11, 26, 18, 0), False),
        ("by Friday", (2026, 11, 27, 18, 0), False),
        ("Fri 3pm works for me", (2026, 11, 27, 15, 0), True),
        ("28 Nov", (2026, 11, 28, 18, 0), False),
        ("Nov 28th at 10:30am", (2026, 11, 28, 10, 30), True),
        ("by end of day", (2026, 11, 25, 18, 0), False),
        ("EOD tomorrow", (2026, 11, 26, 18, 0), False),
        ("tonight", (2026, 11, 25, 22, 0), False),
        ("next Monday", (2026, 11, 30, 18, 0), False),
        ("Monday at 9", (2026, 11, 30, 9, 0), True),
        ("Thursday morning", (2026, 11, 26, 12, 0), False),
        ("2026-12-01", (2026, 12, 1, 18, 0), False),
        ("in 2 hours", (2026, 11, 25, 12, 0), True),
        ("within 3 business days", (2026, 11, 30, 18, 0), False),
        ("the end of the month", (2026, 11, 30, 18, 0), False),
        ("at noon tomorrow", (2026, 11, 26, 12, 0), True),
    ],
)
def test_it_resolves_english_deadlines(text: str, expected: tuple[int, ...], precise: bool) -> None:
    mention = only(text, WEDNESDAY)
    assert mention.value == at(SHANGHAI, *expected)
    assert mention.precise is precise


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("周末给您", "weekend"),
        ("this weekend", "weekend"),
        ("下周给您答复", "week"),
        ("next week", "week"),
        ("过几天再说", "few_days"),
        ("in a few days", "few_days"),
        ("尽快处理", "soon"),
        ("ASAP please", "soon"),
        ("晚点发你", "later"),
        ("I'll do it later", "later"),
        ("改天聊", "someday"),
        ("月底前后", "month"),
        ("明天3点左右", "approx"),
        ("around 3pm tomorrow", "approx"),
    ],
)
def test_it_marks_vague_times_with_what_they_leave_open(text: str, kind: str) -> None:
    mention = only(text, WEDNESDAY)
    assert kind in VAGUE_KINDS
    assert mention.vague_kind == kind
    assert not mention.precise


def test_weekend_names_saturday_morning_as_its_start_and_sunday_as_the_deadline() -> None:
    mention = only("周末给您", WEDNESDAY)
    assert mention.earliest == at(SHANGHAI, 2026, 11, 28, 10, 0)
    assert mention.value == at(SHANGHAI, 2026, 11, 29, 18, 0)


def test_soon_has_no_value() -> None:
    assert only("尽快", WEDNESDAY).value is None
    assert only("as soon as possible", WEDNESDAY).value is None


@pytest.mark.parametrize(
    "text",
    [
        "早上好！",
        "Good morning, Anna",
        "简单一点就好",
        "有三点意见",
        "价格是3.5万",
        "We are available 24/7",
        "I sat on the call",
        "You may want to check",
        "3号楼会议室",
        "他是我们的回头客",
        "不久前我们聊过",
        "收到，谢谢！",
    ],
)
def test_ordinary_words_are_not_times(text: str) -> None:
    assert find_times(text, WEDNESDAY, SHANGHAI) == []


def test_deadline_words_are_noticed() -> None:
    assert only("周五前", WEDNESDAY).deadline
    assert only("by Friday", WEDNESDAY).deadline
    assert only("no later than 28 Nov", WEDNESDAY).deadline
    assert not only("周五见", WEDNESDAY).deadline
    assert not only("月底前后", WEDNESDAY).deadline


def test_spans_point_at_the_words() -> None:
    text = "好的，我明天下午3点前发您"
    mention = only(text, WEDNESDAY)
    assert text[mention.start : mention.end] == mention.text == "明天下午3点"


def test_a_zone_named_in_the_text_wins_over_the_default() -> None:
    mention = only("Friday 10:00 (London time)", WEDNESDAY, SHANGHAI)
    assert mention.value == at("Europe/London", 2026, 11, 27, 10, 0)
    assert only("周五上午10点（纽约时间）", WEDNESDAY).value == at(NEW_YORK, 2026, 11, 27, 10, 0)
    assert only("Fri 9am EST", WEDNESDAY).value == at(NEW_YORK, 2026, 11, 27, 9, 0)


# --- week boundaries: weeks start on Monday


def test_next_monday_said_on_sunday_is_tomorrow_in_chinese() -> None:
    sunday = at(SHANGHAI, 2026, 11, 29, 21, 0)
    assert only("下周一上午10点", sunday).value == at(SHANGHAI, 2026, 11, 30, 10, 0)
    assert only("周一", sunday).value == at(SHANGHAI, 2026, 11, 30, 18, 0)


def test_sunday_is_the_last_day_of_the_week() -> None:
    sunday = at(SHANGHAI, 2026, 11, 29, 9, 0)
    assert only("周日", sunday).value == at(SHANGHAI, 2026, 11, 29, 18, 0)
    assert only("这周日", sunday).value == at(SHANGHAI, 2026, 11, 29, 18, 0)
    assert only("下周日", sunday).value == at(SHANGHAI, 2026, 12, 6, 18, 0)
    assert only("星期天", sunday).value == at(SHANGHAI, 2026, 11, 29, 18, 0)


def test_a_bare_weekday_that_has_passed_means_the_coming_one() -> None:
    saturday = at(SHANGHAI, 2026, 11, 28, 11, 0)
    assert only("周五", saturday).value == at(SHANGHAI, 2026, 12, 4, 18, 0)
    assert only("Friday", saturday).value == at(SHANGHAI, 2026, 12, 4, 18, 0)
    # 这周五 names this week's Friday, even when it is past
    assert only("这周五", saturday).value == at(SHANGHAI, 2026, 11, 27, 18, 0)


def test_next_weekday_names_the_following_week() -> None:
    assert only("下周三", WEDNESDAY).value == at(SHANGHAI, 2026, 12, 2, 18, 0)
    assert only("next Wednesday", WEDNESDAY).value == at(SHANGHAI, 2026, 12, 2, 18, 0)
    assert only("下下周一", WEDNESDAY).value == at(SHANGHAI, 2026, 12, 7, 18, 0)
    assert only("下周的周五", WEDNESDAY).value == at(SHANGHAI, 2026, 12, 4, 18, 0)
    assert only("Friday next week", WEDNESDAY).value == at(SHANGHAI, 2026, 12, 4, 18, 0)


def test_next_week_runs_monday_to_friday() -> None:
    mention = only("下周", WEDNESDAY)
    assert mention.earliest == at(SHANGHAI, 2026, 11, 30, 9, 0)
    assert mention.value == at(SHANGHAI, 2026, 12, 4, 18, 0)


def test_a_date_without_a_year_takes_the_nearest_year() -> None:
    new_years_eve = at(SHANGHAI, 2026, 12, 30, 10, 0)
    assert only("1月5日", new_years_eve).value == at(SHANGHAI, 2027, 1, 5, 18, 0)
    assert only("12月20日", new_years_eve).value == at(SHANGHAI, 2026, 12, 20, 18, 0)
    assert only("Jan 5", new_years_eve).value == at(SHANGHAI, 2027, 1, 5, 18, 0)


def test_a_day_of_month_that_has_passed_means_next_month() -> None:
    assert only("20号", WEDNESDAY).value == at(SHANGHAI, 2026, 12, 20, 18, 0)
    assert only("25号", WEDNESDAY).value == at(SHANGHAI, 2026, 11, 25, 18, 0)


def test_a_clock_time_that_has_passed_today_means_tomorrow() -> None:
    four_pm = at(SHANGHAI, 2026, 11, 25, 16, 0)
    mention = only("by 3pm", four_pm)
    assert mention.value == at(SHANGHAI, 2026, 11, 26, 15, 0)
    assert mention.vague_kind == "no_day"


def test_midnight_in_chinese_rolls_to_the_next_day() -> None:
    assert only("今天晚上12点", WEDNESDAY).value == at(SHANGHAI, 2026, 11, 26, 0, 0)


# --- zones: daylight saving in New York, zones far from UTC


def test_tomorrow_morning_in_new_york_across_the_end_of_daylight_saving() -> None:
    # Saturday 31 Oct 2026, noon EDT; clocks go back on Sunday 1 Nov.
    now = at(NEW_YORK, 2026, 10, 31, 12, 0)
    assert only("tomorrow 9am", now, NEW_YORK).value == datetime(2026, 11, 1, 14, 0, tzinfo=UTC)
    assert only("Monday 9am", now, NEW_YORK).value == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert only("today 9am", now, NEW_YORK).value == datetime(2026, 10, 31, 13, 0, tzinfo=UTC)


def test_tomorrow_in_new_york_across_the_start_of_daylight_saving() -> None:
    now = at(NEW_YORK, 2027, 3, 13, 12, 0)
    assert only("tomorrow at 9am", now, NEW_YORK).value == datetime(2027, 3, 14, 13, 0, tzinfo=UTC)


def test_a_zone_far_ahead_of_utc_has_its_own_tomorrow() -> None:
    # 20:00 UTC Wednesday is already Thursday 09:00 in Auckland (UTC+13 in summer).
    now = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    assert only("明天", now, "Pacific/Auckland").value == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    assert only("明天", now, SHANGHAI).value == at(SHANGHAI, 2026, 11, 27, 18, 0)
    kiritimati = only("tomorrow 10am", now, "Pacific/Kiritimati")
    assert kiritimati.value == datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        find_times("明天", datetime(2026, 11, 25, 10, 0), SHANGHAI)


def test_chinese_numerals_read_as_numbers() -> None:
    assert [zh_number(s) for s in ("一", "十", "十二", "二十八", "廿三", "三十一", "7")] == [
        1,
        10,
        12,
        28,
        23,
        31,
        7,
    ]
    assert zh_number("点") is None


# --- property: what warmline writes, warmline reads back

ZONES = [SHANGHAI, NEW_YORK, "Europe/London", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata"]


@settings(max_examples=150, deadline=None)
@given(
    minutes=st.integers(min_value=0, max_value=150 * 24 * 60),
    zone_name=st.sampled_from(ZONES),
    reader_zone=st.sampled_from(ZONES),
    lang=st.sampled_from(["zh", "en"]),
)
def test_a_formatted_time_reads_back_as_the_same_instant(
    minutes: int, zone_name: str, reader_zone: str, lang: str
) -> None:
    when = datetime(2026, 9, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    local = when.astimezone(ZoneInfo(zone_name))
    # skip the hour that occurs twice when clocks go back
    assume(local.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone_name)).astimezone(UTC) == when)
    text = format_local(when, zone_name, lang)
    mention = only(text, when - timedelta(days=3), reader_zone)
    assert mention.precise
    assert mention.value == when
    assert (mention.start, mention.end) == (0, len(text))

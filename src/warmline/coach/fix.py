"""Named fixers: they fill the placeholders of a rule's suggestion with concrete values.

A rule names its fixer (`fix: resolve-time`); the fixer gets the matched text, the
draft's language and the context, and returns values such as `{when}`. Every time
a fixer proposes lies inside the client's working hours, in the client's zone, and
after the send time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from warmline.coach.context import CheckContext
from warmline.coach.day import named_day
from warmline.core.clock import format_local, local, utc, zone
from warmline.core.text import Lang

# What a vague time phrase most likely means, in the order phrases are tried.
# "morning" = the first comfortable hour of the client's day; "close" = an hour before
# their day ends (a deadline); "soon" = two hours from now if that is still today.
_ANCHORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), a)
    for p, a in (
        (r"下周末|下个周末|下下周|next weekend|weekend after", "next-weekend"),
        (r"周末|weekend", "weekend"),
        (
            r"end of (?:the )?day|\beod\b|\bcob\b|close of business|下班前|今天之内|今天内|今晚",
            "eod",
        ),
        (r"(?:end|late|later|latter part) (?:of )?next week|下周(?:后半|底|五前)", "next-week-end"),
        (
            r"(?:next|coming) week(?!end)(?<!the next week)(?<!the coming week)|下周|下个?星期|下个?礼拜",
            "next-week",
        ),
        (r"this week|end of (?:the )?week|\beow\b|本周|这周|(?<![一两三四五])周内", "this-week"),
        (r"月底|月末|end of (?:the |this )?month|\beom\b", "month-end"),
        (
            r"月初|beginning of (?:the |next )?month|early next month|start of (?:the |next )?month",
            "month-start",
        ),
        (r"月中|mid-?month|middle of (?:the |this |next )?month", "mid-month"),
        (r"下个?月|next month", "next-month"),
        (r"年底|年末|end of (?:the |this )?year", "year-end"),
        (
            r"两天|明后天|一两天|couple (?:of |more )?days|two days|day or two|48 hours",
            "two-days",
        ),
        (r"几天|三五天|两三天|few (?:more )?days|coming days|several days|next days", "few-days"),
        (r"(?:early|mid|late)[- ][a-z]+", "named-month"),
        (
            r"近期|阵子|段时间|一段时间|些日子|节后|节前|国庆后|春节后|元旦后|假期后|放假回来|长假后|"
            r"过完|年前|年后|两周|两三周|个星期|个礼拜|coming weeks|near future|few weeks|"
            r"down the road|a while|the next week|the coming week|any day now|things|ages|forever|"
            r"long time|longer|drag|could be",
            "near-term",
        ),
        (
            r"sometime (?:today|tonight|this)|第一时间|momentarily|in no time|earliest convenience|"
            r"few hours|couple of hours|several hours",
            "soon",
        ),
        (
            r"改天|改日|找个?时间|抽空|抽时间|有空|another day|other time|sometime|some time|"
            r"at some point|one of these days|when (?:i|we) (?:get|have|find)",
            "another-day",
        ),
        (
            r"晚点|晚些|晚一点|迟点|迟些|迟一点|稍后|稍晚|待会|等会|等下|一会|回头|随后|后面|后续|"
            r"尽快|尽早|越快越好|早日|很快|later|soon|asap|a\.s\.a\.p|shortly|in a bit|moment|sec\b",
            "soon",
        ),
    )
)

INTRADAY_ANCHORS = frozenset({"soon", "eod"})
MORNING = time(10, 0)


@lru_cache(maxsize=512)
def vague_time_anchor(phrase: str) -> str:
    """The anchor a vague time phrase resolves to ("weekend", "next-week", "soon"...)."""
    low = phrase.lower()
    for pattern, anchor in _ANCHORS:
        if pattern.search(low):
            return anchor
    return "another-day"


def _morning(start: time, end: time) -> time:
    return MORNING if start <= MORNING < end else start


def _close(start: time, end: time) -> time:
    close = (datetime.combine(date.min, end) - timedelta(hours=1)).time()
    if end <= start:  # a window that crosses midnight: keep it simple and safe
        return start
    return close if start <= close < end else start


def _anchor_day(anchor: str, today: date) -> tuple[date, str]:
    """The day an anchor points at, and whether its clock is "morning" or "close"."""
    wd = today.weekday()
    if anchor == "weekend":
        return today + timedelta(days=(5 - wd) if wd <= 5 else 0), "morning"
    if anchor == "next-weekend":
        return today + timedelta(days=(5 - wd) % 7 + 7 if wd < 6 else 6), "morning"
    if anchor == "next-week":
        return today + timedelta(days=7 - wd), "morning"
    if anchor == "next-week-end":
        return today + timedelta(days=11 - wd), "close"
    if anchor == "this-week":
        return today + timedelta(days=(4 - wd) if wd <= 4 else (11 - wd)), "close"
    if anchor == "eod":
        return today, "close"
    if anchor == "month-end":
        return _month_end(today), "close"
    if anchor == "month-start":
        return (today + timedelta(days=1) if today.day <= 5 else _next_month(today)), "morning"
    if anchor == "mid-month":
        mid = today.replace(day=15)
        return (mid if today < mid else _next_month(today).replace(day=15)), "morning"
    if anchor == "next-month":
        return _next_month(today), "morning"
    if anchor == "year-end":
        return date(today.year, 12, 31), "close"
    if anchor == "named-month":
        return today, "morning"  # resolved in resolve_vague_time, which sees the phrase
    if anchor == "two-days":
        return today + timedelta(days=2), "morning"
    if anchor == "few-days":
        return today + timedelta(days=3), "morning"
    if anchor == "near-term":
        return today + timedelta(days=7), "morning"
    return today + timedelta(days=1), "morning"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PART_DAY = {"early": 5, "mid": 15, "late": 25}


def _named_month_day(phrase: str, today: date) -> date:
    """ "mid-December" -> 15 December (this year, or next if it has passed)."""
    m = re.search(r"(early|mid|late)[- ]([a-z]+)", phrase)
    if m is None or m.group(2)[:3] not in _MONTHS:
        return today + timedelta(days=7)
    month = _MONTHS.index(m.group(2)[:3]) + 1
    day = date(today.year, month, _PART_DAY[m.group(1)])
    return day if day > today else date(today.year + 1, month, _PART_DAY[m.group(1)])


def _next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _month_end(d: date) -> date:
    return _next_month(d) - timedelta(days=1)


def _within(t: time, start: time, end: time) -> bool:
    return start <= t < end if start < end else (t >= start or t < end)


def resolve_vague_time(
    phrase: str, now: datetime, zone_name: str, work_start: time, work_end: time
) -> datetime:
    """The exact (UTC) time a vague phrase most likely means for the client.

    The result is after `now` and, in the client's zone, at a clock time inside
    [work_start, work_end).
    """
    anchor = vague_time_anchor(phrase)
    here = local(now, zone_name)
    morning = _morning(work_start, work_end)
    if anchor == "soon":
        soon = (here + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
        if here.minute or here.second or here.microsecond:
            soon += timedelta(hours=1)
        if soon.date() == here.date() and _within(soon.time(), work_start, work_end):
            return utc(soon)
        # Before the client's day starts: this morning; after it ends: the next morning.
        return _settle(here.date(), morning, here, work_start, work_end)
    day, part = _anchor_day(anchor, here.date())
    if anchor == "named-month":
        day = _named_month_day(phrase.lower(), here.date())
    clock = morning if part == "morning" else _close(work_start, work_end)
    if anchor == "weekend":
        # Saturday, else Sunday, else next Saturday: a weekend stays a weekend.
        for extra in (0, 1, 6, 7):
            d = day + timedelta(days=extra)
            at = _on(d, clock, here, work_start, work_end) if d.weekday() >= 5 else None
            if at is not None:
                return at
    # Only a weekend phrase proposes a weekend; anything else lands on a weekday.
    return _settle(day, clock, here, work_start, work_end, weekdays=anchor != "next-weekend")


def _on(day: date, clock: time, here: datetime, start: time, end: time) -> datetime | None:
    """`clock` on `day` in the client's zone, if that is after `here` and inside the hours.

    The wall time goes through UTC and back, so a time a DST change skips is read
    as the zone reads it.
    """
    tz = here.tzinfo
    back = utc(datetime.combine(day, clock, tzinfo=tz)).astimezone(tz)
    return utc(back) if back > here and _within(back.time(), start, end) else None


def _settle(
    day: date, clock: time, here: datetime, start: time, end: time, *, weekdays: bool = True
) -> datetime:
    """The first day from `day` on (Mon-Fri unless `weekdays` is False) where `_on` succeeds."""
    for _ in range(400):
        at = None if weekdays and day.weekday() >= 5 else _on(day, clock, here, start, end)
        if at is not None:
            return at
        day += timedelta(days=1)
    raise AssertionError("no working time found within 400 days")


def next_working_close(
    now: datetime, zone_name: str, start: time, end: time, days: int = 1
) -> datetime:
    """`days` working days (Mon-Fri) after today, an hour before the client's day ends."""
    return _working_close(local(now, zone_name).date(), zone_name, start, end, days)


@lru_cache(maxsize=1024)
def _working_close(today: date, zone_name: str, start: time, end: time, days: int) -> datetime:
    # The day is at least tomorrow, so "after now" holds for any time of today.
    here = datetime.combine(today, time.max, tzinfo=zone(zone_name))
    day = today
    left = days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return _settle(day, _close(start, end), here, start, end)


@lru_cache(maxsize=2048)
def formatted(when: datetime, zone_name: str, lang: Lang) -> str:
    """format_local, remembered: proposed times repeat (a weekend is Saturday 10:00
    whatever the day of the week the draft is written)."""
    return format_local(when, zone_name, lang)


FixFunction = Callable[[str, Lang, CheckContext], Mapping[str, str]]


@dataclass(frozen=True, slots=True)
class Fixer:
    name: str
    provides: frozenset[str]
    run: FixFunction


def _resolve_time(match: str, lang: Lang, ctx: CheckContext) -> Mapping[str, str]:
    when = resolve_vague_time(
        match, ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end
    )
    return {"when": formatted(when, ctx.client_zone, lang)}


AFTERNOON = time(15, 0)


def pin_day(
    phrase: str, now: datetime, zone_name: str, work_start: time, work_end: time
) -> datetime:
    """The exact (UTC) time for a day named without a clock ("明天", "by Friday").

    Morning words give the start of the client's morning, afternoon words 15:00,
    anything else an hour before their day ends; on the named day if that is still
    ahead, else the next working day. A phrase naming no single day resolves as a
    vague time.
    """
    here = local(now, zone_name)
    found = named_day(phrase, here.date())
    if found is None:
        return resolve_vague_time(phrase, now, zone_name, work_start, work_end)
    day, part = found
    if part == "morning":
        clock = _morning(work_start, work_end)
    elif part == "afternoon" and _within(AFTERNOON, work_start, work_end):
        clock = AFTERNOON
    else:
        clock = _close(work_start, work_end)
    at = _on(day, clock, here, work_start, work_end)
    if at is not None:
        return at
    return _settle(day + timedelta(days=1), clock, here, work_start, work_end)


def _pin_day(match: str, lang: Lang, ctx: CheckContext) -> Mapping[str, str]:
    when = pin_day(match, ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end)
    return {"when": formatted(when, ctx.client_zone, lang)}


def _answer_by(match: str, lang: Lang, ctx: CheckContext) -> Mapping[str, str]:
    by = next_working_close(ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end)
    return {"by": formatted(by, ctx.client_zone, lang)}


def _middle_way(match: str, lang: Lang, ctx: CheckContext) -> Mapping[str, str]:
    args = (ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end)
    return {
        "first": formatted(next_working_close(*args, days=1), ctx.client_zone, lang),
        "full": formatted(next_working_close(*args, days=3), ctx.client_zone, lang),
    }


FIXERS: dict[str, Fixer] = {
    f.name: f
    for f in (
        Fixer("resolve-time", frozenset({"when"}), _resolve_time),
        Fixer("pin-day", frozenset({"when"}), _pin_day),
        Fixer("answer-by", frozenset({"by"}), _answer_by),
        Fixer("middle-way", frozenset({"first", "full"}), _middle_way),
    )
}

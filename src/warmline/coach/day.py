"""A day named without a clock time: which date it is.

"明天给您", "周五下午发", "by Friday", "tmrw", "6月1日交付" name a day but no clock
time (C1: a time is a day, a date *and* a clock time). `named_day` reads the
date and the part of the day a phrase names, so the coach can propose the exact
time (guard.undated_delivery decides whether the phrase is a delivery time).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from warmline.core.timeexpr import month_day, zh_number

_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

Part = str  # "morning" | "afternoon" | "evening" | "day"


def _part(low: str) -> Part:
    if re.search(r"上午|早上|早晨|一早|明早|今早|morning|first thing", low):
        return "morning"
    if re.search(r"下午|中午|afternoon|arvo|noon", low):
        return "afternoon"
    if re.search(r"晚上|今晚|明晚|傍晚|晚些|tonight|tonite|evening|night", low):
        return "evening"
    return "day"


def _date(year: int, month: int, day: int, today: date) -> date | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if d < today:  # "6月1日" in December is next June
        try:
            d = date(year + 1, month, day)
        except ValueError:
            return None
    return d


def _weekday(target: int, today: date, next_week: bool) -> date:
    """The coming `target` weekday (today counts), or the one in next week's Mon-Sun."""
    if next_week:
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=target)
    return today + timedelta(days=(target - today.weekday()) % 7)


@lru_cache(maxsize=1024)
def named_day(phrase: str, today: date) -> tuple[date, Part] | None:
    """The date a day phrase names, seen from `today`, and the part of the day.

    None when the phrase names no single day ("周中", "early next week").
    """
    low = phrase.lower()
    part = _part(low)
    if re.search(r"大后天", low):
        return today + timedelta(days=3), part
    if re.search(r"后天|day after tomorrow", low):
        return today + timedelta(days=2), part
    if re.search(r"明|tomorrow|tmrw|tmr|tmw|2morrow|隔天|次日", low):
        return today + timedelta(days=1), part
    if re.search(r"今|today|tonight|tonite|this (?:morning|afternoon|evening|arvo)|当天", low):
        return today, part
    m = re.search(
        r"(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]",
        low,
    )
    if m:
        month, day = zh_number(m.group(1)), zh_number(m.group(2))
        if month and day:
            d = _date(today.year, month, day, today)
            return (d, part) if d else None
    m = re.search(r"(?:周|星期|礼拜)([一二三四五六日天])", low)
    if m:
        return _weekday(_ZH_WEEKDAY[m.group(1)], today, "下" in low[: m.start() + 1]), part
    m = re.search(r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*", low)
    if m and not re.search(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d", low):
        return _weekday(_EN_WEEKDAY[m.group(1)], today, "next" in low), part
    m = re.search(
        r"([a-z]{3})[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3})",
        low,
    )
    if m:
        name = m.group(1) or m.group(4)
        number = m.group(2) or m.group(3)
        if name in _MONTHS:
            d = _date(today.year, _MONTHS.index(name) + 1, int(number), today)
            return (d, part) if d else None
    m = re.search(r"(?<!\d)(\d{1,2})\s*[日号]|the (\d{1,2})(?:st|nd|rd|th)", low)
    if m:
        number = int(m.group(1) or m.group(2))
        if not 1 <= number <= 31:
            return None
        # "the 3rd" or "3号": this month, or next month once it has passed
        d = month_day(today, number)
        return (d, part) if d else None
    return None

"""Find and resolve time expressions in chat messages (zh and en).

One small interface, so the parser behind it can be swapped:

    find_times(text, now, zone, lang=None) -> list[TimeMention]

The resolver is our own: a set of regular expressions for what chat messages
about deadlines say (今天/明天/周五/下周三/11月28日/28号/下午3点半/下班前/月底,
"tomorrow", "by Fri 3pm", "28 Nov", "EOD", "next Monday", ISO dates, vague
phrases such as 周末/过几天/尽快/"next week"/"ASAP"), merged into mentions and
resolved in the given zone. Weeks start on Monday (下周三 is the Wednesday of
the next Monday-based week). A day without a clock time reads as a deadline at
the end of business (18:00 local).

Pure: `now` is a parameter; nothing is read at call time except the IANA zone
list, loaded once and only when a text names a zone by its city.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

from warmline.core.clock import zone as _zone
from warmline.core.clock import zone_label

END_OF_BUSINESS = time(18, 0)
START_OF_BUSINESS = time(9, 0)

# What a vague mention leaves open (TimeMention.vague_kind).
VAGUE_KINDS: tuple[str, ...] = (
    "no_clock",  # a day without a clock time: 明天, Friday, 11月28日
    "part_of_day",  # a day and a part of it: 明天下午, tonight, EOD
    "no_day",  # a clock time without a day: 3点前, at 3pm
    "approx",  # an approximate time: 3点左右, around 3pm
    "weekend",  # 周末, this weekend
    "week",  # 下周, this week, end of the week
    "month",  # 月底, 下个月, end of the month
    "year",  # 年底, end of the year
    "few_days",  # 过几天, 这两天, in a few days, within 3 days
    "someday",  # 改天, 回头, sometime
    "soon",  # 尽快, 马上, ASAP, soon
    "later",  # 晚点, 稍后, later
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a text.

    `start`/`end` are character offsets into the text; `value` is the deadline
    reading as aware UTC (the latest moment the words allow, within business
    hours) or None when the words name no time at all (尽快, "soon").
    `precise` is True when the words name a day and a clock time (or an exact
    offset such as "in 2 hours"). `vague_kind` says what is left open (one of
    VAGUE_KINDS) and is None exactly when `precise`. `earliest` is the start
    of a named window (周末 -> Saturday 10:00) when there is one; `deadline` is
    True when the words mark a deadline (周五前, "by Friday").
    """

    start: int
    end: int
    text: str
    value: datetime | None
    precise: bool
    vague_kind: str | None
    earliest: datetime | None = None
    deadline: bool = False


# --------------------------------------------------------------------------- atoms


@dataclass(slots=True)
class _Atom:
    """A piece of a time expression; adjacent atoms merge into one mention."""

    start: int
    end: int
    day: date | None = None  # a resolved calendar day
    weekday: int | None = None  # Monday = 0
    week_mode: str = ""  # "", this, next, nextnext, last (for weekday)
    window: str | None = None  # weekend, week, month, year
    window_span: tuple[date, date] | None = None
    clock: tuple[int, int] | None = None
    ampm: str = ""  # am, pm, or "" when not said
    clock_24: bool = False  # written as 15:00 or with a leading zero
    part: tuple[time, time] | None = None
    part_shift: str = ""  # am, pm, eve, noon, small: how a part reads a bare clock
    zone: tzinfo | None = None
    exact: datetime | None = None  # a fully resolved instant (ISO, "in 2 hours")
    vague: str | None = None
    weak: bool = False  # kept only when merged with a strong atom
    approx: bool = False

    @property
    def dateish(self) -> bool:
        return self.day is not None or self.weekday is not None or self.window is not None

    @property
    def timeish(self) -> bool:
        return self.clock is not None or self.part is not None


_Handler = Callable[[re.Match[str], "_Ctx"], _Atom | None]


@dataclass(frozen=True, slots=True)
class _Ctx:
    now: datetime  # aware, in the resolution zone
    today: date
    tz: tzinfo
    month_first: bool  # 11/12 reads month/day (China, the US)


# Full-width digits and colon -> ASCII, one character for one, so offsets stay.
_WIDTH = str.maketrans(
    {0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF1A: ":", 0xFF0E: ".", 0xFF0F: "/"}
)

_ZH_DIGITS = {
    "零": 0,
    "\u3007": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZN = "[零\u3007一二两三四五六七八九十廿]"
_NUM = rf"(?:\d{{1,2}}|{_ZN}{{1,3}})"


def zh_number(s: str) -> int | None:
    """A small number written in digits or Chinese numerals (一, 十二, 二十八, 廿三)."""
    if s.isdigit():
        return int(s)
    if not s:
        return None
    s = s.replace("廿", "二十")
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _ZH_DIGITS.get(tens, -1) if tens else 1
        o = _ZH_DIGITS.get(ones, -1) if ones else 0
        if t < 0 or o < 0:
            return None
        return t * 10 + o
    if len(s) == 1:
        return _ZH_DIGITS.get(s)
    return None


_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_WEEKDAY_EN = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_MONTHS_EN = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "half an": 0,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
}

_PARTS: dict[str, tuple[time, time, str]] = {
    # name: (earliest, deadline reading, how it reads a bare clock)
    "凌晨": (time(1, 0), time(6, 0), "small"),
    "清晨": (time(7, 0), time(9, 0), "am"),
    "早上": (time(8, 0), time(10, 0), "am"),
    "早晨": (time(8, 0), time(10, 0), "am"),
    "一早": (time(8, 0), time(10, 0), "am"),
    "早": (time(8, 0), time(10, 0), "am"),
    "上班前": (time(9, 0), time(9, 0), "am"),
    "上午": (time(9, 0), time(12, 0), "am"),
    "白天": (time(9, 0), time(18, 0), ""),
    "中午": (time(12, 0), time(12, 0), "noon"),
    "午饭前": (time(12, 0), time(12, 0), "noon"),
    "午后": (time(13, 0), time(18, 0), "pm"),
    "下午": (time(13, 0), time(18, 0), "pm"),
    "傍晚": (time(17, 0), time(19, 0), "pm"),
    "下班前": (END_OF_BUSINESS, END_OF_BUSINESS, "pm"),
    "下班之前": (END_OF_BUSINESS, END_OF_BUSINESS, "pm"),
    "下班后": (END_OF_BUSINESS, time(20, 0), "pm"),
    "晚上": (time(19, 0), time(22, 0), "eve"),
    "晚间": (time(19, 0), time(22, 0), "eve"),
    "晚": (time(19, 0), time(22, 0), "eve"),
    "夜里": (time(21, 0), time(23, 0), "eve"),
    "深夜": (time(22, 0), time(23, 59), "eve"),
    "半夜": (time(23, 0), time(23, 59), "eve"),
    "morning": (time(9, 0), time(12, 0), "am"),
    "first thing": (time(9, 0), time(10, 0), "am"),
    "lunchtime": (time(12, 0), time(13, 0), "noon"),
    "lunch": (time(12, 0), time(13, 0), "noon"),
    "afternoon": (time(13, 0), time(18, 0), "pm"),
    "evening": (time(18, 0), time(21, 0), "eve"),
    "night": (time(19, 0), time(23, 0), "eve"),
    "tonight": (time(19, 0), time(22, 0), "eve"),
    "eod": (time(17, 0), END_OF_BUSINESS, "pm"),
}

# Zone words: labels the clock module prints, plus common abbreviations.
_LABELLED_ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Pacific/Auckland",
)
_ZONE_ABBR = {
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "cdt": "America/Chicago",
    "ct": "America/Chicago",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "bst": "Europe/London",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "sgt": "Asia/Singapore",
    "hkt": "Asia/Hong_Kong",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "gmt": "UTC",
    "utc": "UTC",
    "beijing time": "Asia/Shanghai",
    "china time": "Asia/Shanghai",
    "shanghai time": "Asia/Shanghai",
    "ny time": "America/New_York",
    "中国时间": "Asia/Shanghai",
    "上海时间": "Asia/Shanghai",
    "国内时间": "Asia/Shanghai",
}


@lru_cache(maxsize=1)
def _zone_words() -> dict[str, str]:
    words = dict(_ZONE_ABBR)
    for name in _LABELLED_ZONES:
        for lang in ("zh", "en"):
            words[zone_label(name, lang).lower()] = name
    return words


@lru_cache(maxsize=1)
def _zones_by_city() -> dict[str, str]:
    from zoneinfo import available_timezones

    cities: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            cities.setdefault(name.rsplit("/", 1)[-1].replace("_", " ").lower(), name)
    return cities


_ZH_ZONE_WORDS = "|".join(
    sorted(
        {w for w in _ZONE_ABBR if "时间" in w}
        | {zone_label(name, "zh") for name in _LABELLED_ZONES},
        key=len,
        reverse=True,
    )
)


def _zone_for_word(word: str) -> tzinfo | None:
    w = word.strip().lower()
    name = _zone_words().get(w)
    if name is None and w.endswith((" time", "时间")):
        city = w[:-5] if w.endswith(" time") else w[:-2]
        name = _zones_by_city().get(city.strip())
    return _zone(name) if name else None


# --------------------------------------------------------------------------- calendar


def _next_weekday(today: date, weekday: int) -> date:
    """The next day with this weekday, today included."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _week_monday(today: date, shift: int) -> date:
    """Monday of this week (shift 0), next week (1), last week (-1)."""
    return today - timedelta(days=today.weekday()) + timedelta(weeks=shift)


def _month_last(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _add_months(d: date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _nearest_year(today: date, month: int, day: int) -> date | None:
    """The date with this month and day nearest to today (a half year either way)."""
    best: date | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - today).days) < abs((best - today).days):
            best = d
    return best


def month_day(today: date, day: int) -> date | None:
    """'28号': this month's day if it is still ahead (or today), else next month's."""
    for shift in (0, 1, 2):
        y, m = _add_months(today, shift)
        try:
            d = date(y, m, day)
        except ValueError:
            continue
        if d >= today or shift > 0:
            return d
    return None


def _add_working_days(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _combine(d: date, t: time, tz: tzinfo) -> datetime:
    return datetime.combine(d, t, tzinfo=tz).astimezone(UTC)


# --------------------------------------------------------------------------- patterns

_ZH_WEEK_MODE = {"这": "this", "本": "this", "下": "next", "下下": "nextnext", "上": "last"}
# 这周五 is the Friday of this Monday-based week, even when it has passed.
_ZH_WEEKDAY_MODE = {
    "这": "this_zh",
    "本": "this_zh",
    "下": "next",
    "下下": "nextnext",
    "上": "last",
}
_EN_WEEK_MODE = {
    "this": "this",
    "coming": "this",
    "next": "next",
    "following": "next",
    "last": "last",
}


def _zh_relday(m: re.Match[str], c: _Ctx) -> _Atom:
    word = m.group(0)
    offsets = {"大大后": 4, "大后": 3, "后": 2, "明": 1, "今": 0, "昨": -1, "前": -2}
    base = word[:3] if word.startswith("大大") else word[:2] if word.startswith("大") else word[0]
    atom = _Atom(m.start(), m.end(), day=c.today + timedelta(days=offsets[base]))
    rest = word[len(base) :].lstrip("天日儿")
    if rest in ("晚", "早", "晨"):
        name = {"晚": "晚上", "早": "早上", "晨": "早上"}[rest]
        _set_part(atom, name)
    return atom


def _set_part(atom: _Atom, name: str) -> None:
    first, last, shift = _PARTS[name]
    atom.part = (first, last)
    atom.part_shift = shift


def _zh_weekday(m: re.Match[str], c: _Ctx) -> _Atom:
    wmod = m.group("wmod") or ""
    mode = _ZH_WEEK_MODE.get(wmod, "")
    day = m.group("wd")
    atom = _Atom(m.start(), m.end())
    if day == "末":
        _set_window(atom, "weekend", c.today, mode or "this")
    else:
        atom.weekday = _WEEKDAY_ZH[day] if day in _WEEKDAY_ZH else int(day) - 1
        atom.week_mode = _ZH_WEEKDAY_MODE.get(wmod, "bare")
    pd = m.group("pd")
    if pd:
        _set_part(atom, {"早": "早上", "晚": "晚上"}.get(pd, pd))
    return atom


def _zh_week(m: re.Match[str], c: _Ctx) -> _Atom:
    atom = _Atom(m.start(), m.end())
    _set_window(atom, "week", c.today, _ZH_WEEK_MODE[m.group("wmod")], m.group("wpart") or "")
    return atom


def _set_window(atom: _Atom, kind: str, today: date, mode: str, part: str = "") -> None:
    shift = {"this": 0, "next": 1, "nextnext": 2, "last": -1}.get(mode, 0)
    atom.window = kind
    atom.week_mode = mode
    if kind == "weekend":
        monday = _week_monday(today, shift)
        # on Sunday, "this weekend" is what is left of it: today
        sunday = mode == "this" and today.weekday() == 6
        start = today if sunday else monday + timedelta(days=5)
        atom.window_span = (start, monday + timedelta(days=6))
    elif kind == "week":
        monday = _week_monday(today, shift)
        first, last = monday, monday + timedelta(days=4)
        if part in ("初", "early"):
            last = monday + timedelta(days=1)
        elif part in ("中", "mid"):
            first, last = monday + timedelta(days=2), monday + timedelta(days=3)
        elif part in ("末", "底", "end", "late"):
            first = monday + timedelta(days=4)
        if mode == "this":
            first = max(first, today)
            last = max(last, today)
        atom.window_span = (first, last)


def _month_window(today: date, shift: int, part: str) -> tuple[date, date]:
    y, mo = _add_months(today, shift)
    last = _month_last(y, mo)
    if part in ("底", "末", "下旬", "end"):
        return (date(y, mo, max(1, last.day - 2)), last)
    if part in ("初", "上旬", "early"):
        return (date(y, mo, 1), date(y, mo, 5))
    if part in ("中", "中旬", "mid"):
        return (date(y, mo, 11), date(y, mo, 20))
    return (max(date(y, mo, 1), today) if shift == 0 else date(y, mo, 1), last)


def _zh_month_part(m: re.Match[str], c: _Ctx) -> _Atom | None:
    atom = _Atom(m.start(), m.end(), window="month")
    part = m.group("mpart") or ""
    if m.group("mnum"):
        month = zh_number(m.group("mnum"))
        if month is None or not 1 <= month <= 12:
            return None
        target = _nearest_year(c.today, month, 1)
        if target is None:
            return None
        shift = (target.year - c.today.year) * 12 + month - c.today.month
    else:
        shift = {"这": 0, "本": 0, "下": 1, "上": -1, "": 0}[m.group("mmod") or ""]
        if not part and not m.group("mmod"):
            return None
        if not m.group("mmod"):
            # 月底 said after the 25th can still mean this month; 月初 after the
            # 5th means the next month's start.
            _first, last = _month_window(c.today, 0, part)
            if last < c.today:
                shift = 1
    atom.window_span = _month_window(c.today, shift, part)
    return atom


def _zh_year_end(m: re.Match[str], c: _Ctx) -> _Atom:
    year = c.today.year + (1 if m.group(0).startswith(("明", "下")) else 0)
    atom = _Atom(m.start(), m.end(), window="year")
    atom.window_span = (date(year, 12, 20), date(year, 12, 31))
    return atom


def _zh_date(m: re.Match[str], c: _Ctx) -> _Atom | None:
    month = zh_number(m.group("mo"))
    day = zh_number(m.group("d"))
    if month is None or day is None or not 1 <= month <= 12:
        return None
    year_word = m.group("y") or ""
    try:
        if year_word.isdigit():
            d: date | None = date(int(year_word), month, day)
        elif year_word:
            shift = {"今": 0, "明": 1, "去": -1}[year_word]
            d = date(c.today.year + shift, month, day)
        else:
            d = _nearest_year(c.today, month, day)
    except ValueError:
        return None
    if d is None:
        return None
    return _Atom(m.start(), m.end(), day=d)


def _zh_dom(m: re.Match[str], c: _Ctx) -> _Atom | None:
    day = zh_number(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    d = month_day(c.today, day)
    if d is None:
        return None
    atom = _Atom(m.start(), m.end(), day=d)
    atom.weak = m.group(0).endswith("日") and not m.group("d").isdigit()
    return atom


def _numeric_date(m: re.Match[str], c: _Ctx) -> _Atom | None:
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12:
        day, month = a, b
    elif b > 12 or m.group("sep") == "." or c.month_first:
        month, day = a, b
    else:
        day, month = a, b
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = m.group("y")
    try:
        if year:
            d: date | None = date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        else:
            d = _nearest_year(c.today, month, day)
    except ValueError:
        return None
    if d is None:
        return None
    atom = _Atom(m.start(), m.end(), day=d)
    before = m.string[max(0, m.start() - 14) : m.start()].lower()
    after = m.string[m.end() : m.end() + 3]
    strong = bool(year) or bool(
        re.search(r"(?:\bby|\bon|\bbefore|\buntil|\btill|\bdue|\bdate:?|截止|截至|于)\s*$", before)
        or re.match(r"\s*(?:前|之前|以前|号|日|截止|\(|（|周|星期)", after)
    )
    atom.weak = not strong
    return atom


def _iso(m: re.Match[str], c: _Ctx) -> _Atom | None:
    try:
        d = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    except ValueError:
        return None
    atom = _Atom(m.start(), m.end(), day=d)
    if m.group("h"):
        hh, mm = int(m.group("h")), int(m.group("mi"))
        if hh > 23 or mm > 59:
            return None
        off = m.group("off")
        if off:
            if off.upper() == "Z":
                tz: tzinfo = UTC
            else:
                sign = -1 if off[0] == "-" else 1
                digits = off[1:].replace(":", "")
                tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))
            atom.exact = datetime.combine(d, time(hh, mm), tzinfo=tz).astimezone(UTC)
        else:
            atom.clock = (hh, mm)
            atom.clock_24 = True
    return atom


_ZH_CLOCK_CONTEXT = re.compile(
    r"\s*(?:钟|半|一刻|三刻|整|\d{1,2}分|[零\u3007一二三四五六七八九十]{1,3}分|前|之前|以前|左右|到|至|[-~～])"
)


def _zh_clock(m: re.Match[str], c: _Ctx) -> _Atom | None:
    hour = zh_number(m.group("h"))
    if hour is None or hour > 24:
        return None
    minute = 0
    mins = m.group("mi")
    if mins == "半":
        minute = 30
    elif mins == "一刻":
        minute = 15
    elif mins == "三刻":
        minute = 45
    elif mins:
        value = zh_number(mins.rstrip("分").lstrip("零\u3007") or "0")
        if value is None or value > 59:
            return None
        minute = value
    atom = _Atom(m.start(), m.end(), clock=(hour, minute))
    after = m.string[m.end() : m.end() + 4]
    if re.match(r"(?:意见|建议|要求|问题|需求|原因|想法|内容|修改|看法|不足|好处)", after):
        return None
    if not m.group("h").isdigit():
        # 一点 is also "a little", 三点 "three points": a Chinese numeral needs context.
        atom.weak = not (mins or "钟" in m.group(0) or _ZH_CLOCK_CONTEXT.match(m.string, m.end()))
    return atom


def _colon_clock(m: re.Match[str], c: _Ctx) -> _Atom | None:
    hh, mm = int(m.group("h")), int(m.group("mi"))
    if hh > 24 or mm > 59:
        return None
    atom = _Atom(m.start(), m.end(), clock=(hh, mm))
    atom.clock_24 = m.group("h").startswith("0") or hh >= 13 or hh == 0
    ap = m.group("ap")
    if ap:
        atom.ampm = "pm" if ap.lower().startswith("p") else "am"
    return atom


def _en_clock(m: re.Match[str], c: _Ctx) -> _Atom | None:
    hh = int(m.group("h"))
    mm = int(m.group("mi") or 0)
    if not 1 <= hh <= 12 or mm > 59:
        return None
    atom = _Atom(m.start(), m.end(), clock=(hh, mm))
    ap = m.group("ap")
    if ap:
        atom.ampm = "pm" if ap.lower().startswith("p") else "am"
    return atom


def _en_at_clock(m: re.Match[str], c: _Ctx) -> _Atom | None:
    hh = int(m.group("h"))
    if not 1 <= hh <= 12:
        return None
    atom = _Atom(m.start("h"), m.end(), clock=(hh, 0), weak=True)
    return atom


def _en_noon(m: re.Match[str], c: _Ctx) -> _Atom:
    word = m.group(0).lower()
    if word == "midnight":
        return _Atom(m.start(), m.end(), clock=(24, 0), clock_24=True)
    return _Atom(m.start(), m.end(), clock=(12, 0), clock_24=True)


def _zh_part(m: re.Match[str], c: _Ctx) -> _Atom:
    atom = _Atom(m.start(), m.end())
    _set_part(atom, m.group("part"))
    return atom


def _en_relday(m: re.Match[str], c: _Ctx) -> _Atom:
    word = m.group(0).lower()
    if "after" in word:
        shift = 2
    elif word.startswith("to") and "night" in word:
        shift = 0
    elif word.startswith(("tom", "tmr", "tmw", "2mor")):
        shift = 1
    elif word.startswith("yest"):
        shift = -1
    else:
        shift = 0
    atom = _Atom(m.start(), m.end(), day=c.today + timedelta(days=shift))
    if word == "tonight":
        _set_part(atom, "tonight")
    return atom


def _en_weekday(m: re.Match[str], c: _Ctx) -> _Atom | None:
    name = m.group("wd")
    if name.lower()[:3] in ("sat", "sun", "mon", "wed") and len(name) <= 4 and name[0].islower():
        # "sat", "sun", "mon", "wed" in lower case are too often ordinary words.
        return None
    atom = _Atom(m.start(), m.end(), weekday=_WEEKDAY_EN[name.lower()[:3]])
    mod = (m.group("wmod") or "").lower()
    # "this Friday" is the coming Friday; "next Friday" the Friday of next week.
    atom.week_mode = _EN_WEEK_MODE.get(mod.split()[-1] if mod else "", "bare")
    if atom.week_mode == "this":
        atom.week_mode = "bare"
    return atom


def _en_eod(m: re.Match[str], c: _Ctx) -> _Atom:
    atom = _Atom(m.start(), m.end())
    _set_part(atom, "eod")
    return atom


def _en_date(m: re.Match[str], c: _Ctx) -> _Atom | None:
    mon_word = m.group("mon")
    if mon_word.lower() == "may" and mon_word[0] == "m":
        return None
    month = _MONTHS_EN[mon_word.lower()[:3]]
    day = int(m.group("d"))
    year = m.group("y")
    try:
        d = date(int(year), month, day) if year else _nearest_year(c.today, month, day)
    except ValueError:
        return None
    if d is None:
        return None
    return _Atom(m.start(), m.end(), day=d)


def _en_the_nth(m: re.Match[str], c: _Ctx) -> _Atom | None:
    day = int(m.group("d"))
    d = month_day(c.today, day) if 1 <= day <= 31 else None
    return _Atom(m.start(), m.end(), day=d) if d else None


def _en_weekend(m: re.Match[str], c: _Ctx) -> _Atom:
    atom = _Atom(m.start(), m.end())
    mod = (m.group("wmod") or "").lower()
    _set_window(atom, "weekend", c.today, "next" if "next" in mod else "this")
    return atom


def _en_week(m: re.Match[str], c: _Ctx) -> _Atom:
    atom = _Atom(m.start(), m.end())
    text = m.group(0).lower()
    mode = "next" if "next" in text or "following" in text else "last" if "last" in text else "this"
    part = ""
    if "end of" in text or text.startswith(("late", "eow")):
        part = "end"
    elif text.startswith("early"):
        part = "early"
    elif text.startswith("mid"):
        part = "mid"
    _set_window(atom, "week", c.today, mode, part)
    return atom


def _en_month(m: re.Match[str], c: _Ctx) -> _Atom:
    text = m.group(0).lower()
    shift = 1 if "next" in text else 0
    part = "end" if ("end" in text or text == "eom") else "early" if "early" in text else ""
    part = "mid" if text.startswith("mid") else part
    atom = _Atom(m.start(), m.end(), window="month")
    if shift == 0 and part and _month_window(c.today, 0, part)[1] < c.today:
        shift = 1
    atom.window_span = _month_window(c.today, shift, part)
    return atom


def _en_year_end(m: re.Match[str], c: _Ctx) -> _Atom:
    year = c.today.year + (1 if "next" in m.group(0).lower() else 0)
    atom = _Atom(m.start(), m.end(), window="year")
    atom.window_span = (date(year, 12, 20), date(year, 12, 31))
    return atom


_UNITS = {
    "分钟": "minutes",
    "分": "minutes",
    "小时": "hours",
    "个小时": "hours",
    "个钟头": "hours",
    "钟头": "hours",
    "天": "days",
    "日": "days",
    "个工作日": "workdays",
    "工作日": "workdays",
    "周": "weeks",
    "个星期": "weeks",
    "星期": "weeks",
    "个礼拜": "weeks",
    "个月": "months",
}


def _duration(n: int, unit: str, c: _Ctx, start: int, end: int) -> _Atom:
    atom = _Atom(start, end)
    if unit in ("minutes", "hours"):
        atom.exact = (c.now + timedelta(**{unit: n})).astimezone(UTC)
    elif unit == "workdays":
        atom.day = _add_working_days(c.today, n)
    elif unit == "days":
        atom.day = c.today + timedelta(days=n)
    elif unit == "weeks":
        atom.day = c.today + timedelta(weeks=n)
    else:
        y, mo = _add_months(c.today, n)
        atom.day = date(y, mo, min(c.today.day, _month_last(y, mo).day))
    return atom


def _zh_duration(m: re.Match[str], c: _Ctx) -> _Atom | None:
    word = m.group("n")
    unit = _UNITS[m.group("u")]
    if word in ("几", "两三", "三五", "一两"):
        atom = _Atom(m.start(), m.end(), vague="few_days")
        return atom if unit in ("days", "workdays") else None
    if word == "半":
        n = 30 if unit == "hours" else -1
        unit = "minutes" if unit == "hours" else unit
        if n < 0:
            return None
    else:
        value = zh_number(word)
        if value is None:
            return None
        n = value
    return _duration(n, unit, c, m.start(), m.end())


def _en_duration(m: re.Match[str], c: _Ctx) -> _Atom | None:
    word = m.group("n").lower()
    unit_word = m.group("u").lower()
    if unit_word.startswith(("min",)):
        unit = "minutes"
    elif unit_word.startswith(("hour", "hr")):
        unit = "hours"
    elif "business" in unit_word or "working" in unit_word:
        unit = "workdays"
    elif unit_word.startswith("day"):
        unit = "days"
    elif unit_word.startswith("week"):
        unit = "weeks"
    else:
        unit = "months"
    if word.isdigit():
        n = int(word)
    elif word in ("a few", "few", "a couple of", "couple of") and unit in ("days", "workdays"):
        return _Atom(m.start(), m.end(), vague="few_days")
    elif word == "half an" and unit == "hours":
        n, unit = 30, "minutes"
    elif word in _EN_NUMBERS and word != "half an":
        n = _EN_NUMBERS[word]
    else:
        return None
    return _duration(n, unit, c, m.start(), m.end())


def _vague(kind: str) -> _Handler:
    def handle(m: re.Match[str], c: _Ctx) -> _Atom:
        return _Atom(m.start(), m.end(), vague=kind)

    return handle


def _zone_atom(m: re.Match[str], c: _Ctx) -> _Atom | None:
    word = m.group("z")
    start = m.start()
    tz = _zone_for_word(word)
    if tz is None and " " in word.rstrip(" time"):
        # "Friday London time": the zone is the last word before "time"
        last = word.split()[-2] + " time"
        tz = _zone_for_word(last)
        start = m.start("z") + word.rindex(last)
    if tz is None:
        return None
    return _Atom(start, m.end(), zone=tz, weak=True)


def _offset_zone(m: re.Match[str], c: _Ctx) -> _Atom:
    sign = -1 if m.group("s") in "-\u2212" else 1
    tz = timezone(sign * timedelta(hours=int(m.group("h")), minutes=int(m.group("mi") or 0)))
    return _Atom(m.start(), m.end(), zone=tz, weak=True)


def _zh_month_part_fixed(m: re.Match[str], c: _Ctx) -> _Atom | None:
    if m.group("mpart2"):
        atom = _Atom(m.start(), m.end(), window="month")
        part = m.group("mpart2")
        shift = 1 if _month_window(c.today, 0, part)[1] < c.today else 0
        atom.window_span = _month_window(c.today, shift, part)
        return atom
    if m.group("mnum") and not m.group("mpart"):
        return None  # "11月" alone is a month, not a deadline
    return _zh_month_part(m, c)


def _en_oclock(m: re.Match[str], c: _Ctx) -> _Atom | None:
    hh = int(m.group("h"))
    if not 1 <= hh <= 12:
        return None
    return _Atom(m.start(), m.end(), clock=(hh, 0))


def _en_part_norm(m: re.Match[str], c: _Ctx) -> _Atom | None:
    word = re.sub(r"\s+", " ", m.group("part").lower())
    pre = re.sub(r"\s+", " ", (m.group("pre") or "").lower())
    atom = _Atom(m.start(), m.end())
    _set_part(atom, word)
    if pre == "this":
        atom.day = c.today
    elif pre in ("tomorrow", "tmrw", "tmr"):
        atom.day = c.today + timedelta(days=1)
    elif not pre:
        atom.weak = True
    return atom


_I = re.IGNORECASE
# A rule runs only when the lower-cased text holds one of its keys: re's scan
# is slow for patterns that open with alternations, `in` is not.
# A key is one character (Han, digit, ":") or the first three letters of an
# English word ("tom" for tomorrow), so one set test says whether a rule may match.
_Keys = str | tuple[str, ...]
_Rule = tuple[frozenset[str], re.Pattern[str], _Handler]
_DIGITS = "0123456789"
_MONTH_KEYS = tuple(_MONTHS_EN)
_ZONE_KEYS = (
    "tim",
    "gmt",
    "utc",
    "et",
    "pt",
    "ct",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "mst",
    "mdt",
    "bst",
    "cet",
    "ces",
    "jst",
    "kst",
    "sgt",
    "hkt",
    "aes",
    "aed",
)


def _rules(*rules: tuple[_Keys, re.Pattern[str], _Handler]) -> list[_Rule]:
    return [(frozenset(keys), pattern, handle) for keys, pattern, handle in rules]


_ZH_PATTERNS: list[_Rule] = _rules(
    (
        "天日儿晚早晨",
        re.compile(
            r"(?:大大后|大后|后|明|今|昨|前)(?:天|日|儿)(?:早(?![上晨点])|晚(?![点些上间])|晨)?|今晚|今早|明早|明晚|明晨|昨晚"
        ),
        _zh_relday,
    ),
    (
        "周期拜週",
        re.compile(
            r"(?<![每隔])(?:(?P<wmod>这|本|下下|下|上)个?)?(?:周|星期|礼拜|週)(?P<wd>[一二三四五六日天末1-7])"
            r"(?P<pd>早上|晚上|上午|下午|中午|早(?!点)|晚(?![点些]))?"
        ),
        _zh_weekday,
    ),
    (
        "周期拜週",
        re.compile(
            r"(?P<wmod>这|本|下下|下|上)个?(?:周|星期|礼拜|週)(?![一二三四五六日天末1-7年])(?P<wpart>初|中|内)?"
        ),
        _zh_week,
    ),
    (
        "月",
        re.compile(
            rf"(?:(?P<mmod>这|本|下|上)个?月|(?P<mnum>{_NUM})月份?)(?P<mpart>底|末|初|中旬|中|上旬|下旬)?"
            r"(?![\d零\u3007一二两三四五六七八九十廿])"
            r"|(?<![个这本下上\d])月(?P<mpart2>底|末|初|中旬)"
        ),
        _zh_month_part_fixed,
    ),
    ("年", re.compile(r"(?:今|明|下)?年(?:底|末)|(?:今|明|下)年年底"), _zh_year_end),
    (
        "月",
        re.compile(rf"(?:(?P<y>\d{{4}}|今|明|去)年)?(?P<mo>{_NUM})月(?P<d>{_NUM})[日号]?"),
        _zh_date,
    ),
    (
        "号日",
        re.compile(rf"(?<![\d月.年/])(?P<d>{_NUM})[号日](?![楼线床位机院厅码店门仓柜子元块])"),
        _zh_dom,
    ),
    (
        "点點时",
        re.compile(
            rf"(?P<h>{_NUM})(?:点|點|时(?!间|候|代|期|刻|尚))(?:钟)?"
            rf"(?P<mi>半|一刻|三刻|\d{{1,2}}分?|零?{_ZN}{{1,3}}分)?"
        ),
        _zh_clock,
    ),
    (
        "凌晨早午白傍班晚夜",
        re.compile(
            r"(?P<part>凌晨|清晨|早上|早晨|一早|上午|白天|中午|午饭前|午后|下午|傍晚|下班之前|下班前|下班后|上班前|晚上|晚间|夜里|深夜|半夜)(?!好)"
        ),
        _zh_part,
    ),
    (
        "内后",
        re.compile(
            r"(?P<n>\d{1,3}|[零\u3007一二两三四五六七八九十]{1,3}|半|几|两三|三五|一两)(?P<u>个工作日|工作日|个小时|小时|个钟头|钟头|分钟|天|个星期|个礼拜|周|个月)(?:之内|以内|内|后|之后|以后)"
        ),
        _zh_duration,
    ),
    (
        "尽紧马立即第越",
        re.compile(r"尽快|尽早|赶紧|马上|立刻|立即|即刻|第一时间|越快越好"),
        _vague("soon"),
    ),
    (
        "晚稍待会迟",
        re.compile(r"晚点|晚些|晚一点|稍后|稍晚|待会儿?|一会儿|等会儿?|迟些"),
        _vague("later"),
    ),
    (
        "过天近久阵",
        re.compile(
            r"过几天|过两天|这两天|这几天|近两天|近几天|近期|最近几天|过些天|过些日子|过段时间|过一阵子?|不久(?!前|之前|以前)"
        ),
        _vague("few_days"),
    ),
    (
        "改回空找以",
        re.compile(r"改天|回头(?![客率看想])|有空的时候|找时间|以后再"),
        _vague("someday"),
    ),
    ("间", re.compile(rf"[（(]?(?P<z>{_ZH_ZONE_WORDS})[）)]?"), _zone_atom),
)

_EN_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_EN_PATTERNS: list[_Rule] = _rules(
    (
        ("tod", "ton", "tom", "tmr", "tmw", "2mo", "yes", "day"),
        re.compile(
            r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\b(?:today|tonight|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmw|2morrow|yesterday)\b",
            _I,
        ),
        _en_relday,
    ),
    (
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        re.compile(
            r"\b(?:(?P<wmod>this|coming|this\s+coming|next|last|the\s+following)\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?",
            _I,
        ),
        _en_weekday,
    ),
    (
        ("wee",),
        re.compile(r"\b(?P<wmod>this|next|the|over\s+the|on\s+the|coming)?\s*weekend\b", _I),
        _en_weekend,
    ),
    (
        ("wee", "eow"),
        re.compile(
            r"\b(?:(?:early|late|later|mid|the\s+end\s+of|end\s+of)\s+(?:this|next|the)\s+week"
            r"|end\s+of\s+week|(?:this|next|the\s+following|coming)\s+week|eow)\b",
            _I,
        ),
        _en_week,
    ),
    (
        ("mon", "eom"),
        re.compile(
            r"\b(?:(?:the\s+)?end\s+of\s+(?:the|this|next)\s+month|month[-\s]end|eom"
            r"|(?:early|mid)[-\s](?:next\s+)?month|next\s+month)\b",
            _I,
        ),
        _en_month,
    ),
    (
        ("yea", "eoy"),
        re.compile(
            r"\b(?:the\s+)?end\s+of\s+(?:the|this|next)\s+year\b|\beoy\b|\byear[-\s]end\b", _I
        ),
        _en_year_end,
    ),
    (
        _MONTH_KEYS,
        re.compile(
            rf"\b{_EN_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>\d{{4}})\b)?",
            _I,
        ),
        _en_date,
    ),
    (
        _MONTH_KEYS,
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}(?![a-z])(?:,?\s*(?P<y>\d{{4}})\b)?",
            _I,
        ),
        _en_date,
    ),
    (_DIGITS, re.compile(r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", _I), _en_the_nth),
    (
        _DIGITS,
        re.compile(
            r"(?<![\d:.$])(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|a\.?m\b|p\.?m\b)",
            _I,
        ),
        _en_clock,
    ),
    (_DIGITS, re.compile(r"\b(?P<h>\d{1,2})\s*o'?clock\b", _I), _en_oclock),
    (
        _DIGITS,
        re.compile(
            r"\bat\s+(?P<h>\d{1,2})(?![\d:.,%]|\s*(?:%|percent|people|times|of|items|pages))\b", _I
        ),
        _en_at_clock,
    ),
    (("noo", "mid"), re.compile(r"\b(?:noon|midday|midnight)\b", _I), _en_noon),
    (
        ("mor", "aft", "eve", "nig", "lun", "fir"),
        re.compile(
            r"(?<!good\s)\b(?:(?P<pre>this|tomorrow|tmrw|tmr|in\s+the|by\s+the|by|until\s+the)\s+)?"
            r"(?P<part>morning|afternoon|evening|night|lunchtime|lunch|first\s+thing)\b",
            _I,
        ),
        _en_part_norm,
    ),
    (
        ("eod", "cob", "eob", "eop", "end", "clo"),
        re.compile(
            r"\b(?:eod|cob|eob|eop|end\s+of\s+(?:the\s+)?(?:business\s+|working\s+|work\s+)?day|close\s+of\s+(?:business|play)|end\s+of\s+(?:business|play))\b",
            _I,
        ),
        _en_eod,
    ),
    (
        ("in", "wit"),
        re.compile(
            r"\b(?:in|within|inside\s+of|in\s+the\s+next)\s+(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|half\s+an|a\s+couple\s+of|couple\s+of|a\s+few|few)\s+"
            r"(?P<u>min(?:ute)?s?|hours?|hrs?|(?:business|working)\s+days?|days?|weeks?|months?)\b",
            _I,
        ),
        _en_duration,
    ),
    (
        ("asa", "a.s", "soo", "sho", "rig", "str", "imm", "in"),
        re.compile(
            r"\b(?:asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+(?:possible|(?:we|i|you)\s+can)|(?<!as\s)soon|shortly|right\s+away|straight\s+away|immediately|in\s+a\s+bit|in\s+a\s+moment|in\s+a\s+minute)\b",
            _I,
        ),
        _vague("soon"),
    ),
    (
        ("lat", "whi", "cha"),
        re.compile(
            r"(?<!no\s)(?<!\d\s)(?<!days\s)(?<!weeks\s)(?<!hours\s)(?<!months\s)(?<!years\s)\blater(?!\s+than)(?:\s+(?:on|today))?\b|\bin\s+a\s+while\b|\bwhen\s+i\s+get\s+a\s+chance\b",
            _I,
        ),
        _vague("later"),
    ),
    (
        ("day", "due"),
        re.compile(
            r"\b(?:in\s+the\s+(?:next|coming)\s+(?:few|couple\s+of)\s+days|(?:over\s+)?the\s+next\s+(?:few|couple\s+of)\s+days|in\s+the\s+coming\s+days|one\s+of\s+these\s+days|in\s+due\s+course)\b",
            _I,
        ),
        _vague("few_days"),
    ),
    (
        ("som", "ano"),
        re.compile(
            r"\b(?:sometime|some\s+time|at\s+some\s+point|another\s+time|some\s+other\s+time)\b", _I
        ),
        _vague("someday"),
    ),
    (
        _ZONE_KEYS,
        re.compile(
            r"\(?(?P<z>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+\s+time|[ECMP][SD]T|[ECMP]T|BST|CEST|CET|JST|KST|SGT|HKT|AEST|AEDT|GMT|UTC)\b\)?"
        ),
        _zone_atom,
    ),
)

_COMMON_PATTERNS: list[_Rule] = _rules(
    (
        _DIGITS,
        re.compile(
            r"(?<![\d.])(?P<y>\d{4})[-/.年](?P<mo>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
            r"(?:[T\s]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<off>Z|[+-]\d{2}:?\d{2})?)?(?![\d])"
        ),
        _iso,
    ),
    (
        _DIGITS,
        re.compile(
            r"(?<![\d./:$¥￥])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?:[./](?P<y>\d{4}|\d{2}))?(?![\d./%:]|\s*(?:%|万|元|倍|k\b|m\b))"
        ),
        _numeric_date,
    ),
    (
        (":",),
        re.compile(
            r"(?<![\d:])(?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:])(?:\s*(?P<ap>[ap]\.m\.|[ap]\.?m\b))?",
            _I,
        ),
        _colon_clock,
    ),
    (
        ("gmt", "utc"),
        re.compile(r"\b(?:GMT|UTC)\s*(?P<s>[+\-\u2212])\s*(?P<h>\d{1,2})(?::?(?P<mi>\d{2}))?\b"),
        _offset_zone,
    ),
)


# --------------------------------------------------------------------------- merging

_GAP = re.compile(
    r"(?:\s|[,，、的()（）@\-\u2013]|\bat\b|\bon\b|\bthe\b|\bof\b|\bin\b|\bby\b|\baround\b|\babout\b)*",
    _I,
)
_DEADLINE_BEFORE = re.compile(
    r"(?:\bby|\bbefore|no\s+later\s+than|\buntil|\btill|\bdue(?:\s+on)?|\bon\s+or\s+before|截止到?|截至|最迟|最晚|不晚于)\s*(?:the\s+|on\s+)?$",
    _I,
)
_DEADLINE_AFTER = re.compile(r"\s*(?:前(?!后)|之前|以前|为止|截止|之内|以内|内)")
_APPROX_BEFORE = re.compile(
    r"(?:\baround|\babout|\bapprox(?:imately)?|\broughly|大约|大概|差不多|约)\s*$", _I
)
_APPROX_AFTER = re.compile(r"(?:\s*(?:左右|前后|上下)|ish\b|-ish\b)", _I)


def _fits(group: list[_Atom], atom: _Atom) -> bool:
    """Can `atom` join the mention built so far?"""
    if atom.vague or atom.exact or any(a.vague or a.exact for a in group):
        return False
    if atom.zone is not None:
        return all(a.zone is None for a in group) and any(a.timeish or a.dateish for a in group)
    if atom.dateish and any(a.dateish for a in group):
        dates = [a for a in group if a.dateish] + [atom]
        if len(dates) > 2:
            return False
        kinds = {("day" if a.day else "wd" if a.weekday is not None else a.window) for a in dates}
        # 周五（11月28日）, 明天（周五）, 下周的周三 / "Friday next week"
        return kinds in ({"day", "wd"}, {"wd", "week"}, {"day"})
    if atom.timeish and any(a.timeish for a in group):
        times = [a for a in group if a.timeish] + [atom]
        if len(times) > 2:
            return False
        clocks = sum(1 for a in times if a.clock)
        parts = sum(1 for a in times if a.part)
        return clocks <= 1 and parts <= 1
    return True


def _groups(atoms: list[_Atom], text: str) -> Iterator[list[_Atom]]:
    group: list[_Atom] = []
    for atom in atoms:
        if group:
            gap = text[group[-1].end : atom.start]
            if len(gap) <= 8 and _GAP.fullmatch(gap) and _fits(group, atom):
                group.append(atom)
                continue
            yield group
        group = [atom]
    if group:
        yield group


def _pick_atoms(found: list[_Atom]) -> list[_Atom]:
    """Leftmost-longest, non-overlapping."""
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[_Atom] = []
    for atom in found:
        if kept and atom.start < kept[-1].end:
            continue
        kept.append(atom)
    return kept


# --------------------------------------------------------------------------- resolving


def _hour(clock: tuple[int, int], ampm: str, shift: str, clock_24: bool) -> tuple[int, int, int]:
    """(day offset, hour, minute) for a clock reading given am/pm or a part of day."""
    hh, mm = clock
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    elif not ampm:
        if (shift in ("pm", "eve") and hh < 12) or (shift == "noon" and 1 <= hh <= 5):
            hh += 12
        elif shift == "eve" and hh == 12:
            hh = 24  # 晚上12点 is the midnight that ends the day
        elif shift == "small" and hh == 12:
            hh = 0
        elif not shift and not clock_24 and 1 <= hh <= 6:
            hh += 12  # 3点 / "at 3" in business talk is the afternoon
    if hh >= 24:
        return 1, hh - 24, mm
    return 0, hh, mm


def _resolve_weekday(today: date, weekday: int, mode: str) -> date:
    if mode == "this_zh":
        return _week_monday(today, 0) + timedelta(days=weekday)
    if mode == "next":
        return _week_monday(today, 1) + timedelta(days=weekday)
    if mode == "nextnext":
        return _week_monday(today, 2) + timedelta(days=weekday)
    if mode == "last":
        return _week_monday(today, -1) + timedelta(days=weekday)
    return _next_weekday(today, weekday)


def _resolve(group: list[_Atom], text: str, c: _Ctx) -> TimeMention | None:
    if all(a.weak for a in group):
        return None
    start, end = group[0].start, group[-1].end
    if text[end - 1] == "." and re.search(r"[A-Za-z]{4,}\.$", text[start:end]):
        end -= 1  # "Monday." ends a sentence; "Mon." is an abbreviation
    tz = next((a.zone for a in group if a.zone is not None), c.tz)
    now = c.now.astimezone(tz)
    today = now.date() if tz is not c.tz else c.today
    words = text[start:end]
    before = text[max(0, start - 24) : start]
    after = text[end : end + 4]
    deadline = bool(
        _DEADLINE_BEFORE.search(before)
        or _DEADLINE_AFTER.match(after)
        or words.endswith(("内", "之内", "以内"))
        or re.match(r"(?:in|within)\b", words, _I) is not None
    )
    approx = bool(_APPROX_BEFORE.search(before) or _APPROX_AFTER.match(after))

    def mention(
        value: datetime | None,
        kind: str | None,
        earliest: datetime | None = None,
    ) -> TimeMention:
        if approx and kind is None:
            kind = "approx"
        return TimeMention(start, end, words, value, kind is None, kind, earliest, deadline)

    head = group[0]
    if len(group) == 1 and head.vague:
        if head.vague == "few_days":
            first = _combine(today + timedelta(days=1), START_OF_BUSINESS, tz)
            return mention(
                _combine(today + timedelta(days=3), END_OF_BUSINESS, tz), "few_days", first
            )
        return mention(None, head.vague)
    if len(group) == 1 and head.exact:
        return mention(head.exact, None)

    day: date | None = None
    window: _Atom | None = None
    weekday: _Atom | None = None
    for a in group:
        if a.day is not None and day is None:
            day = a.day
        if a.weekday is not None:
            weekday = a
        if a.window is not None:
            window = a
    if day is None and weekday is not None:
        if weekday.weekday is None:
            return None
        mode = weekday.week_mode
        if window is not None and window.window == "week":
            mode = window.week_mode
            window = None
        day = _resolve_weekday(today, weekday.weekday, mode)

    clock_atom = next((a for a in group if a.clock is not None), None)
    part_atom = next((a for a in group if a.part is not None), None)
    shift = part_atom.part_shift if part_atom else ""

    if window is not None and day is None:
        assert window.window_span is not None
        first_day, last_day = window.window_span
        first_t = time(10, 0) if window.window == "weekend" else START_OF_BUSINESS
        last_t = END_OF_BUSINESS
        if clock_atom is not None:
            off, hh, mm = _hour(
                clock_atom.clock or (0, 0), clock_atom.ampm, shift, clock_atom.clock_24
            )
            first_t = last_t = time(hh, mm)
        elif part_atom is not None and part_atom.part:
            first_t, last_t = part_atom.part
        return mention(
            _combine(last_day, last_t, tz),
            window.window,
            _combine(max(first_day, today), first_t, tz),
        )

    if clock_atom is not None and clock_atom.clock is not None:
        off, hh, mm = _hour(clock_atom.clock, clock_atom.ampm, shift, clock_atom.clock_24)
        at = time(hh, mm)
        if day is None:
            candidate = today + timedelta(days=off)
            if _combine(candidate, at, tz) < c.now:
                candidate += timedelta(days=1)
            return mention(_combine(candidate, at, tz), "no_day")
        return mention(_combine(day + timedelta(days=off), at, tz), None)

    if part_atom is not None and part_atom.part is not None:
        first_t, last_t = part_atom.part
        if day is None:
            day = today
            if _combine(day, last_t, tz) < c.now:
                day += timedelta(days=1)
        return mention(_combine(day, last_t, tz), "part_of_day", _combine(day, first_t, tz))

    if day is not None:
        return mention(
            _combine(day, END_OF_BUSINESS, tz),
            "no_clock",
            _combine(day, START_OF_BUSINESS, tz),
        )
    return None


_WORD = re.compile(r"[a-z0-9][a-z0-9.']+")
_HAS_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAS_LATIN = re.compile(r"[A-Za-z]")


def find_times(text: str, now: datetime, zone: str, lang: str | None = None) -> list[TimeMention]:
    """Every time expression in `text`, resolved against `now` in `zone`.

    `now` must be aware. `lang` ("zh" or "en") limits the patterns tried;
    None tries both where the text has the script for them.
    """
    if now.tzinfo is None:
        raise ValueError("naive datetime: pass an aware `now`")
    tz = _zone(zone)
    local_now = now.astimezone(tz)
    norm = text.translate(_WIDTH)
    han = lang != "en" and _HAS_HAN.search(norm) is not None
    month_first = han or lang == "zh" or zone.startswith("America/")
    ctx = _Ctx(local_now, local_now.date(), tz, month_first)
    patterns = list(_COMMON_PATTERNS)
    if han:
        patterns += _ZH_PATTERNS
    if lang != "zh" and _HAS_LATIN.search(norm):
        patterns += _EN_PATTERNS
    low = norm.lower()
    features = set(low)
    features.update(w[:3] for w in _WORD.findall(low))
    found: list[_Atom] = []
    for keys, pattern, handle in patterns:
        if keys.isdisjoint(features):
            continue
        for m in pattern.finditer(norm):
            atom = handle(m, ctx)
            if atom is not None:
                found.append(atom)
    if not found:
        return []
    mentions = []
    for group in _groups(_pick_atoms(found), norm):
        mention = _resolve(group, norm, ctx)
        if mention is not None:
            # the text as written, full-width digits and all
            mentions.append(replace(mention, text=text[mention.start : mention.end]))
    return mentions

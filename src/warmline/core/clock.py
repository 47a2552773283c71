"""Time zones, parsing user-entered times, and formatting times for people.

Pure: `now` is always a parameter. All stored times are aware UTC datetimes.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warmline.core.error import WarmlineError

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Friendly names for common zones; others fall back to the city part of the IANA name.
_ZONE_NAMES: dict[str, tuple[str, str]] = {
    "Asia/Shanghai": ("北京时间", "Beijing time"),
    "Asia/Chongqing": ("北京时间", "Beijing time"),
    "Asia/Hong_Kong": ("香港时间", "Hong Kong time"),
    "Asia/Taipei": ("台北时间", "Taipei time"),
    "Asia/Singapore": ("新加坡时间", "Singapore time"),
    "Asia/Tokyo": ("东京时间", "Tokyo time"),
    "Asia/Seoul": ("首尔时间", "Seoul time"),
    "Asia/Dubai": ("迪拜时间", "Dubai time"),
    "Asia/Kolkata": ("印度时间", "India time"),
    "Europe/London": ("伦敦时间", "London time"),
    "Europe/Paris": ("巴黎时间", "Paris time"),
    "Europe/Berlin": ("柏林时间", "Berlin time"),
    "Europe/Madrid": ("马德里时间", "Madrid time"),
    "Europe/Moscow": ("莫斯科时间", "Moscow time"),
    "America/New_York": ("纽约时间", "New York time"),
    "America/Chicago": ("芝加哥时间", "Chicago time"),
    "America/Denver": ("丹佛时间", "Denver time"),
    "America/Los_Angeles": ("洛杉矶时间", "Los Angeles time"),
    "America/Toronto": ("多伦多时间", "Toronto time"),
    "America/Sao_Paulo": ("圣保罗时间", "São Paulo time"),
    "Australia/Sydney": ("悉尼时间", "Sydney time"),
    "Australia/Melbourne": ("墨尔本时间", "Melbourne time"),
    "Pacific/Auckland": ("奥克兰时间", "Auckland time"),
    "UTC": ("UTC", "UTC"),
}


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name, or a WarmlineError naming the field."""
    try:
        if not name or name != name.strip():
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError) as exc:
        raise WarmlineError(
            f"time zone: unknown zone {name!r}; use an IANA name such as "
            "Asia/Shanghai, Europe/London or America/New_York"
        ) from exc


def check_zone(name: str) -> str:
    zone(name)
    return name


def zone_label(name: str, lang: str) -> str:
    """A person's name for a zone: 北京时间 / Beijing time."""
    if name in _ZONE_NAMES:
        zh, en = _ZONE_NAMES[name]
        return zh if lang == "zh" else en
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city}时间" if lang == "zh" else f"{city} time"


def utc(dt: datetime) -> datetime:
    """An aware datetime converted to UTC; naive input is a programming error."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime")
    return dt.astimezone(UTC)


def local(dt: datetime, zone_name: str) -> datetime:
    return utc(dt).astimezone(zone(zone_name))


def offset_minutes(dt: datetime) -> int | None:
    off = dt.utcoffset()
    return None if off is None else int(off.total_seconds() // 60)


_RELATIVE = re.compile(r"^\s*(?P<n>[+-]?\d+)\s*(?P<unit>[mhdw])\s*$")
_DAYWORD = re.compile(
    r"^\s*(?P<day>today|tomorrow|yesterday|今天|明天|昨天)(?:\s+(?P<hh>\d{1,2}):(?P<mm>\d{2}))?\s*$",
    re.IGNORECASE,
)


def parse_when(
    text: str,
    zone_name: str,
    now: datetime,
    *,
    field: str = "time",
    date_only_time: time = time(18, 0),
) -> datetime:
    """Parse a user-entered time to aware UTC.

    Accepts ISO 8601 with or without zone (naive means `zone_name`), a date alone
    (taken at `date_only_time`), "today 18:00", "tomorrow", and offsets "+2d", "-3h".
    """
    raw = text.strip()
    tz = zone(zone_name)
    if not raw:
        raise WarmlineError(f"{field}: empty time; use ISO 8601 such as 2026-11-28T15:00")
    m = _RELATIVE.match(raw)
    if m:
        n = int(m.group("n"))
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m.group("unit")]
        return utc(now) + timedelta(**{unit: n})
    m = _DAYWORD.match(raw)
    if m:
        shift = {"today": 0, "今天": 0, "tomorrow": 1, "明天": 1, "yesterday": -1, "昨天": -1}
        day = local(now, zone_name).date() + timedelta(days=shift[m.group("day").lower()])
        at = date_only_time
        if m.group("hh"):
            at = _clock(int(m.group("hh")), int(m.group("mm")), field, raw)
        return utc(datetime.combine(day, at, tzinfo=tz))
    candidate = raw.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", raw) else raw
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
            d = date.fromisoformat(candidate)
            return utc(datetime.combine(d, date_only_time, tzinfo=tz))
        dt = datetime.fromisoformat(candidate)
    except ValueError as exc:
        raise WarmlineError(
            f"{field}: cannot read {text!r} as a time; use ISO 8601 such as "
            "2026-11-28T15:00 or 2026-11-28T15:00+08:00, or today/tomorrow/+2d"
        ) from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return utc(dt)


def _clock(hh: int, mm: int, field: str, raw: str) -> time:
    try:
        return time(hh, mm)
    except ValueError as exc:
        raise WarmlineError(f"{field}: {raw!r} has no valid clock time; use HH:MM") from exc


def format_local(dt: datetime, zone_name: str, lang: str, *, with_zone: bool = True) -> str:
    """A time as a person reads it, with day, date, clock time and zone (C1).

    zh: 周六（11月28日）上午 10:00（北京时间）
    en: Sat 28 Nov, 10:00 (London time)
    """
    t = local(dt, zone_name)
    if lang == "zh":
        hour = t.hour
        part = (
            "凌晨"
            if hour < 6
            else "上午"
            if hour < 12
            else "中午"
            if hour < 13
            else "下午"
            if hour < 18
            else "晚上"
        )
        s = f"{WEEKDAYS_ZH[t.weekday()]}（{t.month}月{t.day}日）{part} {t:%H:%M}"
        return s + (f"（{zone_label(zone_name, 'zh')}）" if with_zone else "")
    s = f"{WEEKDAYS_EN[t.weekday()]} {t.day} {t:%b}, {t:%H:%M}"
    return s + (f" ({zone_label(zone_name, 'en')})" if with_zone else "")


def format_date(dt: datetime, zone_name: str, lang: str) -> str:
    """A day as a person reads it: 周五（11月27日） / Fri 27 Nov."""
    t = local(dt, zone_name)
    if lang == "zh":
        return f"{WEEKDAYS_ZH[t.weekday()]}（{t.month}月{t.day}日）"
    return f"{WEEKDAYS_EN[t.weekday()]} {t.day} {t:%b}"

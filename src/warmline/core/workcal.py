"""Working calendars: a person's working hours, days, zone and public holidays.

Pure: `now` is always a parameter. Public holidays come from the `holidays`
package, which also lists *swapped working days* (mainland China's 调休: a
Saturday or Sunday that is a working day around a long holiday) in its
`weekend_workdays`. `holidays` 0.109 carries the State Council schedules up to
and including 2026; later years get the statutory holidays with estimated
dates but no swapped working days until the package is updated (see
`schedule_known`).

Working windows are half-open: [work_start, work_end) in the person's zone, on
each working day. Working hours that cross midnight are not supported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources

import holidays as holidays_pkg

from warmline.core.client import Client, Profile
from warmline.core.clock import utc, zone
from warmline.core.error import WarmlineError

MONDAY_TO_FRIDAY: tuple[int, ...] = (0, 1, 2, 3, 4)

# How far ahead searches for the next working moment go before giving up: a
# calendar with no working day in a year is misconfigured.
_SEARCH_DAYS = 400

# Zones that tzdata lists only as links (so not in zone.tab), mapped to a country.
_ZONE_ALIASES: dict[str, str] = {
    "PRC": "CN",
    "Asia/Chongqing": "CN",
    "Asia/Chungking": "CN",
    "Asia/Harbin": "CN",
    "Hongkong": "HK",
    "ROC": "TW",
    "ROK": "KR",
    "Japan": "JP",
    "Singapore": "SG",
    "Asia/Calcutta": "IN",
    "GB": "GB",
    "Europe/Belfast": "GB",
    "Eire": "IE",
    "US/Eastern": "US",
    "US/Central": "US",
    "US/Mountain": "US",
    "US/Pacific": "US",
    "NZ": "NZ",
    "Australia/ACT": "AU",
    "Australia/NSW": "AU",
}

# Countries whose public holidays differ by state: the zone picks the state.
_ZONE_SUBDIVISIONS: dict[str, str] = {
    "Australia/Sydney": "NSW",
    "Australia/NSW": "NSW",
    "Australia/ACT": "ACT",
    "Australia/Canberra": "ACT",
    "Australia/Melbourne": "VIC",
    "Australia/Brisbane": "QLD",
    "Australia/Adelaide": "SA",
    "Australia/Perth": "WA",
    "Australia/Hobart": "TAS",
    "Australia/Darwin": "NT",
    "America/Toronto": "ON",
    "America/Vancouver": "BC",
    "America/Edmonton": "AB",
    "America/Winnipeg": "MB",
    "America/Halifax": "NS",
    "America/Regina": "SK",
}

# Chinese names for well-known holidays of countries whose `holidays` data has no
# Chinese translation (keys are the package's en_US names).
_HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Christmas Day": "圣诞节",
    "Boxing Day": "节礼日",
    "Good Friday": "耶稣受难日",
    "Easter Monday": "复活节星期一",
    "Easter Sunday": "复活节",
    "Thanksgiving Day": "感恩节",
    "Thanksgiving": "感恩节",
    "Independence Day": "独立日",
    "Memorial Day": "阵亡将士纪念日",
    "Labor Day": "劳动节",
    "Labour Day": "劳动节",
    "Martin Luther King Jr. Day": "马丁·路德·金纪念日",
    "Juneteenth National Independence Day": "六月节",
    "Australia Day": "澳大利亚国庆日",
    "Anzac Day": "澳新军团日",
    "King's Birthday": "国王诞辰日",
    "Canada Day": "加拿大国庆日",
    "Victoria Day": "维多利亚日",
    "Early May Bank Holiday": "五月初银行假日",
    "Spring Bank Holiday": "春季银行假日",
    "Late Summer Bank Holiday": "夏末银行假日",
    "German Unity Day": "德国统一日",
    "Ascension Day": "耶稣升天节",
    "Whit Monday": "圣灵降临节星期一",
    "Bastille Day": "法国国庆日",
    "National Day": "国庆日",
}


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Zone -> ISO country code, from tzdata's zone.tab (a packaged data file)."""
    mapping: dict[str, str] = {}
    try:
        table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata is a dependency
        table = ""
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            mapping[parts[2]] = parts[0]
    mapping.update(_ZONE_ALIASES)
    return mapping


def country_for_zone(zone_name: str) -> str:
    """The ISO 3166-1 alpha-2 country of an IANA zone, or "" when it has none (UTC)."""
    return _zone_countries().get(zone_name, "")


def subdivision_for_zone(zone_name: str) -> str:
    """The state/province whose holidays apply in a zone, where it matters (AU, CA)."""
    return _ZONE_SUBDIVISIONS.get(zone_name, "")


@lru_cache(maxsize=1)
def _supported_countries() -> dict[str, list[str]]:
    return dict(holidays_pkg.list_supported_countries())


def check_country(code: str, *, field: str = "country") -> str:
    """An upper-cased country code `holidays` knows, or a WarmlineError naming the field."""
    value = code.strip().upper()
    if value and value not in _supported_countries():
        raise WarmlineError(
            f"{field}: no public-holiday calendar for {code!r}; use an ISO 3166-1 "
            "alpha-2 code such as CN, US, GB or AU, or leave it empty to derive it from the zone"
        )
    return value


@dataclass(frozen=True, slots=True)
class _YearCalendar:
    holidays: frozenset[date]
    workdays: frozenset[date]  # swapped working days (调休) that fall on a weekend


@lru_cache(maxsize=1024)
def _year_calendar(country: str, subdivision: str, year: int) -> _YearCalendar:
    if not country or country not in _supported_countries():
        return _YearCalendar(frozenset(), frozenset())
    subdivs = _supported_countries()[country]
    table = holidays_pkg.country_holidays(
        country, subdiv=subdivision if subdivision in subdivs else None, years=year
    )
    workdays = frozenset(d for d in table.weekend_workdays if d.year == year)
    return _YearCalendar(frozenset(d for d in table if d.year == year), workdays)


@lru_cache(maxsize=4096)
def _holiday_names(country: str, subdivision: str, year: int, lang: str) -> dict[date, str]:
    if not country or country not in _supported_countries():
        return {}
    subdiv = subdivision if subdivision in _supported_countries()[country] else None
    cls = holidays_pkg.country_holidays(country, subdiv=subdiv, years=year)
    supported = getattr(cls, "supported_languages", ()) or ()
    wanted = {"zh": ("zh_CN", "zh_TW"), "en": ("en_US", "en_GB", "en_AU")}.get(lang, ("en_US",))
    chosen = next((code for code in wanted if code in supported), None)
    if chosen is None and "en_US" in supported:
        chosen = "en_US"
    table = holidays_pkg.country_holidays(country, subdiv=subdiv, years=year, language=chosen)
    names = {d: str(name) for d, name in table.items() if d.year == year}
    if lang == "zh" and (chosen or "").startswith("en"):
        names = {d: _HOLIDAY_NAMES_ZH.get(n, n) for d, n in names.items()}
    return names


def schedule_known(country: str, year: int) -> bool:
    """False for China in a year whose official schedule (with swapped days) is not yet in `holidays`."""
    if country != "CN":
        return True
    return bool(_year_calendar("CN", "", year).workdays)


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """When a person works: a zone, working hours, working days and public holidays.

    `country` "" means: derive it from the zone. `swapped_workdays` False ignores
    official swapped working days (a freelancer who keeps every weekend free).
    """

    timezone: str = "UTC"
    country: str = ""
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    work_days: tuple[int, ...] = MONDAY_TO_FRIDAY
    subdivision: str = ""
    swapped_workdays: bool = True
    # Working windows already computed (a cache: not part of the value).
    _windows: dict[date, tuple[datetime, datetime] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        zone(self.timezone)
        if self.work_end <= self.work_start:
            raise WarmlineError(
                f"working hours: end {self.work_end:%H:%M} is not after start "
                f"{self.work_start:%H:%M}; use hours within one day such as 09:00-18:00"
            )
        if not self.work_days or any(d not in range(7) for d in self.work_days):
            raise WarmlineError(
                "working days: give at least one weekday number, Monday = 0 to Sunday = 6"
            )

    @property
    def day_length(self) -> timedelta:
        """The working time in one full working day."""
        return datetime.combine(date.min, self.work_end) - datetime.combine(
            date.min, self.work_start
        )

    # -- calendar facts -------------------------------------------------

    @property
    def holiday_country(self) -> str:
        return self.country.upper() or country_for_zone(self.timezone)

    @property
    def holiday_subdivision(self) -> str:
        return self.subdivision or subdivision_for_zone(self.timezone)

    def _year(self, year: int) -> _YearCalendar:
        return _year_calendar(self.holiday_country, self.holiday_subdivision, year)

    def is_holiday(self, day: date) -> bool:
        return day in self._year(day.year).holidays

    def is_swapped_workday(self, day: date) -> bool:
        """A weekend day that is an official working day (调休上班)."""
        return self.swapped_workdays and day in self._year(day.year).workdays

    def holiday_name(self, day: date, lang: str) -> str:
        """The public holiday's name on `day` in zh or en, or "" when it is not one."""
        return _holiday_names(self.holiday_country, self.holiday_subdivision, day.year, lang).get(
            day, ""
        )

    def is_working_day(self, day: date) -> bool:
        cal = self._year(day.year)
        if day in cal.holidays:
            return False
        if self.swapped_workdays and day in cal.workdays:
            return True
        return day.weekday() in self.work_days

    # -- windows ----------------------------------------------------------

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The working window of a local day as aware UTC datetimes, or None on a day off."""
        try:
            return self._windows[day]
        except KeyError:
            found = None
            if self.is_working_day(day):
                tz = zone(self.timezone)
                found = (
                    datetime.combine(day, self.work_start, tzinfo=tz).astimezone(UTC),
                    datetime.combine(day, self.work_end, tzinfo=tz).astimezone(UTC),
                )
            if len(self._windows) < 4096:
                self._windows[day] = found
            return found

    def local_date(self, dt: datetime) -> date:
        if dt.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        return dt.astimezone(zone(self.timezone)).date()

    def is_working_moment(self, dt: datetime) -> bool:
        """True when `dt` falls inside a working window of this calendar."""
        moment = utc(dt)
        span = self.window(self.local_date(moment))
        return span is not None and span[0] <= moment < span[1]

    def clamp_to_working_hours(self, dt: datetime, *, room: timedelta = timedelta(0)) -> datetime:
        """The earliest moment >= `dt` inside working hours, leaving `room` before the window ends.

        `dt` itself when it is already inside; otherwise the start of the next
        working window. The result is aware UTC.
        """
        moment = utc(dt)
        day = self.local_date(moment) - timedelta(
            days=1
        )  # a window may start the day before in UTC
        for _ in range(_SEARCH_DAYS):
            span = self.window(day)
            day += timedelta(days=1)
            if span is None:
                continue
            start, end = span
            candidate = max(moment, start)
            fits = candidate < end if room == timedelta(0) else candidate + room <= end
            if fits:
                return candidate
        raise WarmlineError(
            f"working calendar ({self.timezone}): no working time within {_SEARCH_DAYS} days; "
            "check the working days and hours"
        )

    def next_working_moment(self, dt: datetime) -> datetime:
        """The earliest moment >= `dt` at which this person is at work."""
        return self.clamp_to_working_hours(dt)

    def next_working_day_end(self, dt: datetime) -> datetime:
        """The end of the first working day after the local day `dt` falls on (aware UTC)."""
        moment = utc(dt)
        day = self.local_date(moment)
        for _ in range(_SEARCH_DAYS):
            day += timedelta(days=1)
            span = self.window(day)
            if span is not None:
                return span[1]
        raise WarmlineError(  # pragma: no cover - guarded by __post_init__ and holidays data
            f"working calendar ({self.timezone}): no working day within {_SEARCH_DAYS} days"
        )

    def working_time_between(
        self, a: datetime, b: datetime, *, limit: timedelta | None = None
    ) -> timedelta:
        """Working time from `a` to `b` (zero when b <= a); stops counting at `limit`."""
        start, end = utc(a), utc(b)
        total = timedelta(0)
        if end <= start:
            return total
        day = self.local_date(start) - timedelta(days=1)
        last = self.local_date(end)
        while day <= last:
            span = self.window(day)
            if span is not None:
                lo, hi = max(span[0], start), min(span[1], end)
                if hi > lo:
                    total += hi - lo
                    if limit is not None and total >= limit:
                        return limit
            day += timedelta(days=1)
        return total

    def add_working_time(self, dt: datetime, amount: timedelta) -> datetime:
        """The moment when `amount` of working time has passed after `dt` (aware UTC)."""
        moment = utc(dt)
        if amount <= timedelta(0):
            return moment
        left = amount
        day = self.local_date(moment) - timedelta(days=1)
        for _ in range(_SEARCH_DAYS * 10):
            span = self.window(day)
            if span is not None and span[1] > moment:
                lo = max(span[0], moment)
                available = span[1] - lo
                if available >= left:
                    return lo + left
                left -= available
            day += timedelta(days=1)
        raise WarmlineError(
            f"working calendar ({self.timezone}): cannot add {amount} of working time; "
            "check the working days and hours"
        )


def calendar_for_profile(profile: Profile) -> WorkCalendar:
    """The user's own working calendar."""
    return WorkCalendar(
        timezone=profile.timezone,
        country=profile.country,
        work_start=profile.work_start,
        work_end=profile.work_end,
        work_days=profile.work_days,
    )


def calendar_for_client(
    client: Client,
    *,
    work_start: time = time(9, 0),
    work_end: time = time(18, 0),
    work_days: tuple[int, ...] = MONDAY_TO_FRIDAY,
) -> WorkCalendar:
    """A client's working calendar: their zone and country, with office hours."""
    return WorkCalendar(
        timezone=client.timezone,
        country=client.country,
        work_start=work_start,
        work_end=work_end,
        work_days=work_days,
    )


def _ceil_to(dt: datetime, step: timedelta) -> datetime:
    """`dt` rounded up to a multiple of `step` since the epoch (UTC)."""
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    elapsed = utc(dt) - epoch
    remainder = elapsed % step
    return utc(dt) if not remainder else utc(dt) + (step - remainder)


def first_shared_slot(
    calendars: tuple[WorkCalendar, ...],
    after: datetime,
    length: timedelta = timedelta(minutes=30),
    *,
    step: timedelta = timedelta(minutes=30),
    within: timedelta = timedelta(days=14),
) -> datetime | None:
    """The earliest slot start >= `after`, on a `step` boundary, that lies wholly inside
    every calendar's working hours; None when there is none within `within`."""
    limit = utc(after) + within
    moment = _ceil_to(after, step)
    for _ in range(1000):
        if moment > limit:
            return None
        candidate = moment
        for cal in calendars:
            candidate = max(candidate, cal.clamp_to_working_hours(candidate, room=length))
        candidate = _ceil_to(candidate, step)
        if candidate == moment and all(
            cal.clamp_to_working_hours(moment, room=length) == moment for cal in calendars
        ):
            return moment
        moment = candidate
    return None

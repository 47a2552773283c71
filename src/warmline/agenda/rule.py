"""What every agenda rule gets, and the one way rules make items.

A rule is a module under agenda/rules/ with `PRINCIPLE`, `KIND` and
`check(ctx) -> Iterator[AgendaItem]`, registered in agenda/rules/__init__.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from warmline.agenda.item import AgendaItem, Factor, Kind
from warmline.agenda.rank import kind_factor, total
from warmline.agenda.state import AgendaSettings, AgendaState
from warmline.agenda.worktime import WorkingTime
from warmline.core.client import Client
from warmline.core.clock import local, utc
from warmline.core.ledger import Project
from warmline.core.text import Text
from warmline.core.workcal import WorkCalendar, calendar_for_profile, first_shared_slot
from warmline.templates import MessageContext, render

_MINUTE = timedelta(minutes=1)


def _ceil_minute(dt: datetime) -> datetime:
    trimmed = dt.replace(second=0, microsecond=0)
    return trimmed if trimmed == dt else trimmed + _MINUTE


class RuleContext:
    """The state, `now`, the settings and cached working calendars for one build."""

    __slots__ = (
        "_active",
        "_calendars",
        "_clamped",
        "_holidays",
        "_local_now",
        "_ours_after",
        "_projects",
        "_sends",
        "_slots",
        "_work",
        "me",
        "now",
        "settings",
        "state",
    )

    def __init__(self, state: AgendaState, now: datetime, settings: AgendaSettings) -> None:
        self.state = state
        self.now = utc(now)
        self.settings = settings
        self.me = calendar_for_profile(state.profile)
        self._work: WorkingTime | None = None
        # Thousands of items share a few calendars and proposed times: remember answers,
        # keyed by the calendar's (zone, country) (a WorkCalendar hashes all its fields).
        self._calendars: dict[tuple[str, str], WorkCalendar] = {}
        self._slots: dict[tuple[str, str, datetime | None], datetime] = {}
        self._holidays: dict[tuple[str, str], Text | None] = {}
        self._sends: dict[tuple[str, str, datetime | None], datetime] = {}
        self._clamped: dict[tuple[str, str, datetime], datetime] = {}
        self._local_now: dict[str, datetime] = {}
        self._ours_after: dict[float, datetime] = {}
        self._projects: dict[int, Project] = {p.id: p for p in state.projects if p.id is not None}
        self._active: dict[int, list[Project]] = {}
        for p in sorted(state.projects, key=lambda p: (p.start, p.id or 0)):
            if p.status == "active":
                self._active.setdefault(p.client_id, []).append(p)

    @property
    def work(self) -> WorkingTime:
        """My calendar indexed for fast working-time arithmetic (same answers as `me`)."""
        if self._work is None:
            self._work = WorkingTime(self.me, self.now)
        return self._work

    def project(self, project_id: int | None) -> Project | None:
        return None if project_id is None else self._projects.get(project_id)

    def active_projects(self, client_id: int) -> list[Project]:
        """The client's active projects, oldest first."""
        return self._active.get(client_id, [])

    @property
    def reply_target(self) -> timedelta:
        hours = self.settings.reply_target_hours
        if hours is None:
            hours = self.state.profile.reply_target_hours
        return timedelta(hours=hours)

    def calendar(self, client: Client) -> WorkCalendar:
        """The client's working calendar (cached per zone and country)."""
        key = (client.timezone, client.country)
        cal = self._calendars.get(key)
        if cal is None:
            cal = WorkCalendar(
                timezone=client.timezone,
                country=client.country,
                work_start=self.settings.client_work_start,
                work_end=self.settings.client_work_end,
            )
            self._calendars[key] = cal
        return cal

    def send_time(self, client: Client, earliest: datetime | None = None) -> datetime:
        """The earliest whole minute >= max(now, earliest) inside the client's working hours."""
        key = (client.timezone, client.country, earliest)
        known = self._sends.get(key)
        if known is None:
            known = self._sends[key] = self._send_time(self.calendar(client), earliest)
        return known

    def _send_time(self, cal: WorkCalendar, earliest: datetime | None) -> datetime:
        moment = self.now if earliest is None else max(self.now, utc(earliest))
        for _ in range(3):
            moment = _ceil_minute(cal.clamp_to_working_hours(moment))
            if cal.is_working_moment(moment):
                return moment
        return cal.clamp_to_working_hours(moment)  # a window start: already whole

    def in_their_hours(self, client: Client, moment: datetime) -> datetime:
        """`moment` moved into the client's working hours, on a quarter hour."""
        key = (client.timezone, client.country, moment)
        known = self._clamped.get(key)
        if known is None:
            cal = self.calendar(client)
            known = self._clamped[key] = _ceil_to_quarter(cal.clamp_to_working_hours(moment))
        return known

    def local_now(self, zone_name: str) -> datetime:
        """`now` in a zone."""
        known = self._local_now.get(zone_name)
        if known is None:
            known = self._local_now[zone_name] = local(self.now, zone_name)
        return known

    def call_slot(self, client: Client, after: datetime | None = None) -> datetime:
        """A 30-minute call slot inside both working calendars, from tomorrow on.

        With no overlap (Shanghai and New York in winter) our hours stretch, first
        to 07:00-22:30 and then to 06:00-23:30; failing that, the client's hours alone.
        """
        key = (client.timezone, client.country, after)
        known = self._slots.get(key)
        if known is None:
            known = self._slots[key] = self._call_slot(self.calendar(client), after)
        return known

    def _call_slot(self, theirs: WorkCalendar, after: datetime | None) -> datetime:
        start = after or (self.now + timedelta(hours=16))
        passes = (
            self.me,
            replace(self.me, work_start=time(7, 0), work_end=time(22, 30)),
            replace(self.me, work_start=time(6, 0), work_end=time(23, 30)),
        )
        for mine in passes:
            slot = first_shared_slot((mine, theirs), start)
            if slot is not None:
                return slot
        return theirs.clamp_to_working_hours(start, room=timedelta(minutes=30))

    def holiday_today(self, client: Client) -> Text | None:
        """The public holiday in the client's country today (their date), if any."""
        key = (client.timezone, client.country)
        if key not in self._holidays:
            cal = self.calendar(client)
            day = cal.local_date(self.now)
            zh, en = cal.holiday_name(day, "zh"), cal.holiday_name(day, "en")
            self._holidays[key] = Text(zh or en, en or zh) if (zh or en) else None
        return self._holidays[key]

    def answer_by(self, client: Client, hours: float = 4) -> datetime:
        """A time we can commit to (T4): `hours` of our working time from now, moved into
        the client's working hours so they read a sensible time of their day."""
        ours = self._ours_after.get(hours)
        if ours is None:
            ours = self._ours_after[hours] = self.work.add_working_time(
                self.now, timedelta(hours=hours)
            )
        return self.in_their_hours(client, ours)

    def message(
        self, client: Client, template: str, *, zone: str | None = None, **facts: object
    ) -> str:
        """The suggested message in the client's language, times in their zone.

        A proposed time is moved into the client's working hours (never later than
        needed), so no draft proposes 02:00 their time.
        """
        proposed = facts.get("proposed")
        if isinstance(proposed, datetime):
            facts["proposed"] = self.in_their_hours(client, proposed)
        ctx = MessageContext(
            lang=client.language,
            client_name=client.name,
            client_zone=zone or client.timezone,
            my_name=self.state.profile.name,
            city=client.city,
            **facts,  # type: ignore[arg-type]
        )
        return render(template, ctx)

    def item(
        self,
        *,
        id: str,
        client: Client,
        kind: Kind,
        principle: str,
        due: datetime,
        reason: Text,
        message: str,
        reason_key: str,
        factors: tuple[Factor, ...],
        send_after: datetime | None = None,
        details: tuple[Text, ...] = (),
        openers: tuple[str, ...] = (),
        related: tuple[str, ...] = (),
        project_id: int | None = None,
    ) -> AgendaItem:
        """An item with the kind factor added, urgency summed and send time clamped."""
        all_factors = (*factors, kind_factor(kind))
        holiday = self.holiday_today(client)
        if holiday:
            details = (
                *details,
                Text(
                    f"对方今天是公共假日：{holiday.zh}",
                    f"A public holiday there today: {holiday.en}",
                ),
            )
        assert client.id is not None
        due = utc(due)
        return AgendaItem(
            id=id,
            client_id=client.id,
            client_name=client.name,
            kind=kind,
            principle=principle,
            due=due,
            urgency=total(all_factors),
            reason=reason,
            client_timezone=client.timezone,
            client_local_time=self.local_now(client.timezone),
            send_at=self.send_time(client, send_after),
            suggested_message=message,
            message_lang=client.language,
            reason_key=reason_key,
            factors=all_factors,
            details=details,
            openers=openers,
            related=related,
            project_id=project_id,
            overdue=due <= self.now,
        )


def _ceil_to_quarter(dt: datetime) -> datetime:
    step = timedelta(minutes=15)
    trimmed = dt.replace(second=0, microsecond=0)
    extra = timedelta(minutes=trimmed.minute % 15)
    if extra or trimmed != dt:
        trimmed = trimmed - extra + step
    return trimmed


Check = Callable[[RuleContext], Iterator[AgendaItem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its principle, the kinds it makes, and its check."""

    name: str
    principle: str
    kinds: tuple[Kind, ...]
    check: Check


def working_age(age: timedelta, me: WorkCalendar) -> Text:
    """A span of working time as people say it: "3.5 个工作小时" / "3.5 working hours"."""
    hours = age.total_seconds() / 3600
    day = me.day_length.total_seconds() / 3600
    if hours >= 2 * day:
        days = round(hours / day, 1)
        return Text(f"{days:g} 个工作日", f"{days:g} working days")
    rounded = round(hours, 1)
    return Text(f"{rounded:g} 个工作小时", f"{rounded:g} working hours")


def end_of_working_day(ctx: RuleContext) -> datetime:
    """The end of our working day today; `now` itself on a day off or after hours."""
    span = ctx.me.window(ctx.me.local_date(ctx.now))
    return span[1] if span is not None and span[1] > ctx.now else ctx.now

"""Use cases of the agenda: today's items, done/snooze marks, calendar export."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from icalendar import Alarm, Calendar, Event, Todo

from warmline.agenda import AgendaItem, AgendaSettings, CadenceStep, build_agenda
from warmline.core.client import Profile
from warmline.core.clock import format_local
from warmline.core.error import NotFound, WarmlineError
from warmline.core.ledger import AgendaMark, Meeting
from warmline.services.base import ServiceBase
from warmline.store.repository import Repository
from warmline.store.snapshot import load_agenda_state

MEETING_ALARM = timedelta(minutes=15)
_ITEM_CLIENT = re.compile(r":client:(\d+)(?::|$)")
EXPORT_MEETING_DAYS = 30

# User settings (key "agenda" in the user's settings) that tune the rules.
_NUMBERS = (
    "reply_target_hours",
    "question_window_days",
    "cadence_longer_days",
    "feedback_grace_hours",
    "feedback_default_working_days",
    "revisit_window_days",
    "promise_nudge_grace_hours",
    "meeting_window_hours",
    "touch_gap_days",
    "lead_touch_gap_days",
)


def agenda_settings_from(values: Mapping[str, Any]) -> AgendaSettings:
    """AgendaSettings from the user's settings dict; a bad value names its key."""
    known = {f.name for f in fields(AgendaSettings)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        where = f"settings agenda.{key}"
        if key not in known:
            raise WarmlineError(f"{where}: unknown setting; known: {', '.join(sorted(known))}")
        try:
            if key in _NUMBERS:
                number = float(value)
                if number < 0:
                    raise ValueError(value)
                kwargs[key] = int(number) if key.endswith("window_days") else number
            elif key == "revisit_days":
                kwargs[key] = tuple(sorted(int(v) for v in value))
            elif key == "cadence":
                kwargs[key] = tuple(CadenceStep(float(a), float(b)) for a, b in value)
            elif key in ("client_work_start", "client_work_end"):
                hh, mm = str(value).split(":")
                kwargs[key] = time(int(hh), int(mm))
        except (TypeError, ValueError) as exc:
            raise WarmlineError(
                f"{where}: cannot use {value!r}; see docs/agenda.md for the expected form"
            ) from exc
    return AgendaSettings(**kwargs)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the agenda builds tens of thousands of
    acyclic objects (about 10% faster on a large book); nothing it builds is a cycle."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Today:
    """Today's agenda as of `now`, with the user's profile for display."""

    now: datetime
    profile: Profile
    items: list[AgendaItem]


class AgendaService(ServiceBase):
    def agenda_settings(self) -> AgendaSettings:
        with self.book() as repo:
            return agenda_settings_from(repo.user_settings().get("agenda") or {})

    def _today(
        self, repo: Repository, now: datetime, client_ids: list[int] | None, owner: str | None
    ) -> Today:
        settings = agenda_settings_from(repo.user_settings().get("agenda") or {})
        profile = repo.profile()
        with _gc_paused():
            state = load_agenda_state(
                repo.session, profile, now, settings, owner=owner, client_ids=client_ids
            )
            return Today(now, profile, build_agenda(state, now, settings))

    def today(
        self,
        *,
        at: str | datetime | None = None,
        client: str | int | None = None,
        owner: str | None = None,
    ) -> Today:
        """The ranked agenda at `at` (default now), for one client or the whole book."""
        now = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            ids = None
            if client is not None:
                found = repo.resolve_client(str(client))
                assert found.id is not None
                ids = [found.id]
            return self._today(repo, now, ids, owner)

    def _item(self, repo: Repository, item_id: str, now: datetime) -> AgendaItem:
        found = _ITEM_CLIENT.search(item_id)
        ids = [int(found.group(1))] if found else None
        for item in self._today(repo, now, ids, None).items:
            if item.id == item_id:
                return item
        raise NotFound(
            f"agenda item: {item_id!r} is not on the agenda now (done, snoozed or no longer "
            "due); see `warmline today --json` for the IDs"
        )

    def mark_done(self, item_id: str, *, at: str | None = None) -> AgendaMark:
        """Mark an item done for its current reason; it returns only for a new reason."""
        now = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            item = self._item(repo, item_id.strip(), now)
            return repo.put_mark(AgendaMark(item.id, "done", now, item.reason_key))

    def snooze(self, item_id: str, until: str, *, at: str | None = None) -> AgendaMark:
        """Hide an item until a time; it also returns earlier if it falls due for a new reason."""
        now = self.when(at, field="--at") or self.now()
        when = self.when(until, field="--until", date_only_time=time(9, 0))
        assert when is not None
        if when <= now:
            raise WarmlineError(
                "--until: the time is not in the future; give e.g. tomorrow 09:00 or +2h"
            )
        with self.book() as repo:
            item = self._item(repo, item_id.strip(), now)
            return repo.put_mark(AgendaMark(item.id, "snoozed", now, item.reason_key, when))

    def export_calendar(self, path: str | Path, *, at: str | None = None) -> tuple[int, int]:
        """Write today's items (VTODO) and the next 30 days of meetings (VEVENT) to an .ics
        file, each with an alarm; returns (todos, events)."""
        now = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            today = self._today(repo, now, None, None)
            meetings = repo.meetings(start=now, end=now + timedelta(days=EXPORT_MEETING_DAYS))
            names = {c.id: c.name for c in repo.clients(include_archived=True)}
        cal = calendar_of(today, meetings, names)
        target = Path(path)
        try:
            target.write_bytes(cal.to_ical())
        except OSError as exc:
            raise WarmlineError(f"{target}: cannot write the calendar: {exc.strerror}") from exc
        return len(today.items), len(meetings)


def calendar_of(today: Today, meetings: list[Meeting], names: Mapping[int | None, str]) -> Calendar:
    """An iCalendar with a VTODO per agenda item and a VEVENT per meeting, with alarms."""
    lang = today.profile.ui_language
    cal = Calendar()
    cal.add("prodid", "-//warmline//agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "warmline")
    for item in today.items:
        todo = Todo()
        todo.add("uid", f"{item.id}@warmline")
        todo.add("dtstamp", today.now)
        todo.add("summary", f"[{item.principle}] {item.reason.in_(lang)}")
        when = format_local(item.send_at, item.client_timezone, lang)
        todo.add(
            "description",
            item.reason.in_(lang)
            + ("\n建议发送时间：" if lang == "zh" else "\nSend at: ")
            + when
            + "\n\n"
            + item.suggested_message,
        )
        todo.add("dtstart", item.send_at)
        todo.add("due", max(item.due, item.send_at))
        todo.add("priority", 1 if item.band == "urgent" else 5 if item.band == "today" else 9)
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", [item.kind, item.principle])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.reason.in_(lang))
        alarm.add("trigger", item.send_at)
        todo.add_component(alarm)
        cal.add_component(todo)
    for mt in meetings:
        event = Event()
        who = names.get(mt.client_id, "")
        event.add("uid", f"meeting-{mt.id}@warmline")
        event.add("dtstamp", today.now)
        event.add("summary", f"{mt.title or ('通话' if lang == 'zh' else 'Call')} · {who}")
        event.add("dtstart", mt.start)
        event.add("dtend", mt.start + timedelta(minutes=mt.duration_minutes))
        their = format_local(mt.start, mt.timezone, lang)
        event.add("description", ("对方时间：" if lang == "zh" else "Their time: ") + their)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{who} · {their}")
        alarm.add("trigger", -MEETING_ALARM)
        event.add_component(alarm)
        cal.add_component(event)
    return cal

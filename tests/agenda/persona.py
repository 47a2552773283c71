"""A small in-memory book for agenda tests: named personas, no database.

Imported by the agenda tests as `from tests.agenda.persona import Book, at`.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from warmline.agenda import AgendaItem, AgendaSettings, AgendaState, build_agenda, summarise
from warmline.core.client import Client, Profile
from warmline.core.clock import zone
from warmline.core.ledger import AgendaMark, Commitment, Deliverable, Meeting, Note, Project
from warmline.core.message import Message


def at(local: str, zone_name: str = "Asia/Shanghai") -> datetime:
    """An aware datetime from a local wall-clock time: at("2026-11-24 10:00", "America/New_York")."""
    return datetime.fromisoformat(local).replace(tzinfo=zone(zone_name))


class Book:
    """Me (林晓, Shanghai) and my clients, built up fact by fact."""

    def __init__(self, profile: Profile | None = None) -> None:
        self.profile = profile or Profile(name="林晓", timezone="Asia/Shanghai", country="CN")
        self.clients: dict[int, Client] = {}
        self.messages: list[Message] = []
        self.projects: list[Project] = []
        self.commitments: list[Commitment] = []
        self.deliverables: list[Deliverable] = []
        self.meetings: list[Meeting] = []
        self.notes: list[Note] = []
        self.marks: dict[str, AgendaMark] = {}
        self._ids = itertools.count(1)

    def _id(self) -> int:
        return next(self._ids)

    # -- people -------------------------------------------------------------
    def client(
        self, name: str, timezone: str = "Asia/Shanghai", language: str = "zh", **kw: Any
    ) -> Client:
        c = Client(name=name, timezone=timezone, language=language, id=self._id(), **kw)  # type: ignore[arg-type]
        self.clients[c.id] = c  # type: ignore[index]
        return c

    def wang(self, **kw: Any) -> Client:
        return self.client("王总", "Asia/Shanghai", "zh", city="上海", **kw)

    def anna(self, **kw: Any) -> Client:
        return self.client("Anna Schmidt", "America/New_York", "en", city="New York", **kw)

    def liam(self, **kw: Any) -> Client:
        return self.client("Liam Carter", "Australia/Sydney", "en", city="Sydney", **kw)

    # -- messages -----------------------------------------------------------
    def incoming(
        self, client: Client, sent_at: datetime, text: str = "在吗？", **kw: Any
    ) -> Message:
        m = Message("in", sent_at, text, client_id=client.id, id=self._id(), **kw)
        self.messages.append(m)
        return m

    def outgoing(
        self, client: Client, sent_at: datetime, text: str = "好的，收到。", **kw: Any
    ) -> Message:
        m = Message("out", sent_at, text, client_id=client.id, id=self._id(), **kw)
        self.messages.append(m)
        return m

    # -- ledger -------------------------------------------------------------
    def project(
        self, client: Client, title: str, start: datetime, due: datetime | None = None, **kw: Any
    ) -> Project:
        p = Project(client.id, title, start, due, id=self._id(), **kw)  # type: ignore[arg-type]
        self.projects.append(p)
        return p

    def promise(
        self, client: Client, text: str, due: datetime | None, by: str = "us", **kw: Any
    ) -> Commitment:
        c = Commitment(
            client.id, by, text, due, created_at=due or datetime.now(), id=self._id(), **kw
        )  # type: ignore[arg-type]
        self.commitments.append(c)
        return c

    def deliverable(
        self, client: Client, what: str, sent_at: datetime, feedback_by: datetime | None, **kw: Any
    ) -> Deliverable:
        d = Deliverable(client.id, what, sent_at, feedback_by, id=self._id(), **kw)  # type: ignore[arg-type]
        self.deliverables.append(d)
        return d

    def meeting(self, client: Client, start: datetime, **kw: Any) -> Meeting:
        m = Meeting(client.id, start, kw.pop("timezone", client.timezone), id=self._id(), **kw)  # type: ignore[arg-type]
        self.meetings.append(m)
        return m

    def note(self, client: Client, text: str, when: datetime) -> Note:
        n = Note(client.id, text, when, id=self._id())  # type: ignore[arg-type]
        self.notes.append(n)
        return n

    def mark(
        self, item: AgendaItem, now: datetime, action: str = "done", until: datetime | None = None
    ) -> None:
        self.marks[item.id] = AgendaMark(item.id, action, now, item.reason_key, until)  # type: ignore[arg-type]

    # -- the agenda ---------------------------------------------------------
    def state(self, now: datetime, settings: AgendaSettings | None = None) -> AgendaState:
        settings = settings or AgendaSettings()
        window = now + timedelta(hours=settings.meeting_window_hours)
        meeting_clients = {m.client_id for m in self.meetings if now <= m.start <= window}
        notes: dict[int, tuple[Note, ...]] = {}
        for n in sorted(self.notes, key=lambda n: n.at, reverse=True):
            if n.client_id in meeting_clients:
                notes[n.client_id] = (*notes.get(n.client_id, ()), n)
        return AgendaState(
            profile=self.profile,
            clients=dict(self.clients),
            activity={cid: summarise(cid, self.messages, now, settings) for cid in self.clients},
            projects=tuple(self.projects),
            commitments=tuple(c for c in self.commitments if c.status == "open"),
            deliverables=tuple(d for d in self.deliverables if d.feedback_at is None),
            meetings=tuple(m for m in self.meetings if now <= m.start <= window),
            notes=notes,
            marks=dict(self.marks),
        )

    def agenda(
        self, now: datetime, settings: AgendaSettings | None = None, kind: str | None = None
    ) -> list[AgendaItem]:
        items = build_agenda(self.state(now, settings), now, settings or AgendaSettings())
        return [i for i in items if kind is None or i.kind == kind]

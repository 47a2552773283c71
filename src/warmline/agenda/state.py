"""What the agenda rules read: a compact snapshot of the book at one moment.

The store builds an `AgendaState` with a handful of set-based queries (no query
per client): summaries of each client's messages instead of whole threads, only
open promises, only deliverables still awaiting feedback, only meetings in the
window. See docs/agenda.md for what each field must hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from warmline.core.client import Client, Profile
from warmline.core.ledger import AgendaMark, Commitment, Deliverable, Meeting, Note, Project
from warmline.core.message import Direction, Emotion, Message

# Message texts in a digest are cut to this many characters (the rules need no more).
TEXT_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class MessageDigest:
    """The part of a message the rules need. `text` may be truncated by the loader."""

    id: int
    direction: Direction
    sent_at: datetime
    text: str = ""
    project_id: int | None = None
    thread: str = ""
    emotion: Emotion | None = None
    questions: tuple[str, ...] = ()
    status_request: bool = False


@dataclass(frozen=True, slots=True)
class ClientActivity:
    """A client's message history, summarised.

    `last_in_at` / `last_out_at`: the newest incoming / outgoing message ever.
    `last_out_by_project`: newest outgoing message per project (key None: no project);
    the rules read it for active projects, and key None for a client with a single
    active project, so a loader may leave other keys out.
    `recent`: oldest first, the messages the rules read. With "the window" the
    question window (`AgendaSettings.question_window_days` up to now) and "our last
    answer" our newest message that `reading.is_holding` does not call holding, it
    must hold at least
    (a) every incoming message after `last_out_at` that needs a reply
        (`reading.needs_reply`), however old;
    (b) for a client with an active project, every status request in the window
        that is newer than that project's last update (`rules.update.last_update`);
    (c) every message in the window from our last answer on (the whole window when
        there is none in it), whenever (a) or (b) holds a message or a message in
        that stretch asks something (`reading.asked`).
    So a client who asked nothing since our last answer and waits for nothing may
    have none. More is harmless (`summarise` keeps the whole window). Texts may be
    cut to TEXT_LIMIT characters.
    """

    client_id: int
    last_in_at: datetime | None = None
    last_out_at: datetime | None = None
    last_out_by_project: Mapping[int | None, datetime] = field(default_factory=dict)
    recent: tuple[MessageDigest, ...] = ()

    @property
    def last_contact_at(self) -> datetime | None:
        known = [t for t in (self.last_in_at, self.last_out_at) if t is not None]
        return max(known) if known else None


@dataclass(frozen=True, slots=True)
class CadenceStep:
    """Projects lasting at most `max_days` get an update every `every_days` (S2)."""

    max_days: float
    every_days: float


@dataclass(frozen=True, slots=True)
class AgendaSettings:
    """Thresholds of the rules. Every default follows METHOD.md."""

    reply_target_hours: float | None = None  # None: the profile's reply_target_hours (S3)
    question_window_days: int = 30  # how far back unanswered questions are tracked (T4)
    cadence: tuple[CadenceStep, ...] = (CadenceStep(7, 3), CadenceStep(31, 7))
    cadence_longer_days: float = 7  # projects longer than the table, or with no due date
    feedback_grace_hours: float = 0  # after feedback_by before following up (S4)
    feedback_default_working_days: float = 2  # when a deliverable has no feedback_by (S4)
    revisit_days: tuple[int, ...] = (7, 30)  # after completion (S5)
    revisit_window_days: int = 14  # a revisit not done within this many days lapses
    promise_nudge_grace_hours: float = 2  # client promises overdue this long get a nudge (T2)
    meeting_window_hours: float = 24  # meetings starting within this get prep (T3/R1)
    touch_gap_days: float = 14  # active clients silent longer than this (stay in touch)
    lead_touch_gap_days: float = 7  # leads
    client_work_start: time = time(9, 0)  # clients' assumed office hours, in their zone
    client_work_end: time = time(18, 0)

    @property
    def question_window(self) -> timedelta:
        return timedelta(days=self.question_window_days)


@dataclass(frozen=True, slots=True)
class AgendaState:
    """Everything `build_agenda` reads. Mappings are keyed by client ID.

    - `clients`: clients to plan for (archived ones left out by the loader).
    - `projects`: active projects, and done projects completed within
      max(revisit_days) + revisit_window_days.
    - `commitments`: open promises, both ways.
    - `deliverables`: deliverables with no feedback yet (`feedback_at` None).
    - `meetings`: meetings starting within the meeting window from `now`.
    - `notes`: personal notes of clients with a meeting in the window, newest first.
    - `marks`: the latest done/snoozed mark per item ID.
    """

    profile: Profile
    clients: Mapping[int, Client]
    activity: Mapping[int, ClientActivity] = field(default_factory=dict)
    projects: tuple[Project, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    notes: Mapping[int, tuple[Note, ...]] = field(default_factory=dict)
    marks: Mapping[str, AgendaMark] = field(default_factory=dict)

    def activity_of(self, client_id: int) -> ClientActivity:
        return self.activity.get(client_id) or ClientActivity(client_id)


def digest(message: Message, text_limit: int = TEXT_LIMIT) -> MessageDigest:
    """The rules' view of a stored message (it must have an ID)."""
    if message.id is None:
        raise ValueError("digest: the message has no id; store it first")
    return MessageDigest(
        id=message.id,
        direction=message.direction,
        sent_at=message.sent_at,
        text=message.text[:text_limit],
        project_id=message.project_id,
        thread=message.thread,
        emotion=message.emotion,
        questions=message.questions,
        status_request=message.status_request,
    )


def summarise(
    client_id: int,
    messages: Iterable[Message],
    now: datetime,
    settings: AgendaSettings | None = None,
) -> ClientActivity:
    """A client's `ClientActivity` from their whole message list (small books, tests).

    The store computes the same summary with set-based queries for large books.
    Messages after `now` are ignored.
    """
    window_start = now - (settings or AgendaSettings()).question_window
    mine = sorted(
        (m for m in messages if m.client_id == client_id and m.sent_at <= now),
        key=lambda m: (m.sent_at, m.id or 0),
    )
    last_in = max((m.sent_at for m in mine if m.direction == "in"), default=None)
    last_out = max((m.sent_at for m in mine if m.direction == "out"), default=None)
    by_project: dict[int | None, datetime] = {}
    for m in mine:
        if m.direction == "out":
            by_project[m.project_id] = m.sent_at
    recent = tuple(
        digest(m)
        for m in mine
        if m.sent_at >= window_start
        or (m.direction == "in" and (last_out is None or m.sent_at > last_out))
    )
    return ClientActivity(client_id, last_in, last_out, by_project, recent)

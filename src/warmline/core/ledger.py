"""The ledger: projects, promises, deliveries, meetings, notes, testimonials."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ProjectStatus = Literal["active", "paused", "done", "cancelled"]
PROJECT_STATUSES: tuple[ProjectStatus, ...] = ("active", "paused", "done", "cancelled")

Party = Literal["us", "client"]
CommitmentStatus = Literal["open", "kept", "kept_late", "broken", "cancelled"]
COMMITMENT_STATUSES: tuple[CommitmentStatus, ...] = (
    "open",
    "kept",
    "kept_late",
    "broken",
    "cancelled",
)
NoteKind = Literal["personal", "business"]


@dataclass(frozen=True, slots=True)
class Project:
    client_id: int
    title: str
    start: datetime
    due: datetime | None = None
    status: ProjectStatus = "active"
    completed_at: datetime | None = None
    cadence_days: float | None = None  # overrides the cadence table (S2)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """A promise (T2): ours to the client, or the client's to us."""

    client_id: int
    by: Party
    text: str
    due: datetime | None
    created_at: datetime
    status: CommitmentStatus = "open"
    closed_at: datetime | None = None
    project_id: int | None = None
    source_message_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Deliverable:
    """Something we sent that awaits the client's feedback (S4)."""

    client_id: int
    what: str
    sent_at: datetime
    feedback_by: datetime | None
    project_id: int | None = None
    feedback_at: datetime | None = None
    feedback_message_id: int | None = None
    source_message_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """A call or meeting (T3, R1). `start` is UTC; `timezone` is the client's zone."""

    client_id: int
    start: datetime
    timezone: str
    duration_minutes: int = 30
    title: str = ""
    actual_start: datetime | None = None
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A dated personal or business detail about a client (R1)."""

    client_id: int
    text: str
    at: datetime
    kind: NoteKind = "personal"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Testimonial:
    """A quote a client gave (T6); only quote it when `permission` is True."""

    client_id: int
    text: str
    created_at: datetime
    permission: bool = False
    tags: tuple[str, ...] = ()
    product: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AgendaMark:
    """A user's decision about an agenda item: done, or snoozed until a time.

    `key` is the item's stable ID; `reason` the reason-version it applied to, so an
    item that becomes due for a new reason reappears.
    """

    key: str
    action: Literal["done", "snoozed"]
    at: datetime
    reason: str = ""
    until: datetime | None = None

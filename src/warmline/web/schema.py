"""The JSON API's typed schemas: `*In` for what comes in, `*Out` for what goes out."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from warmline.core.client import CHANNEL_KINDS, Channels, Client, Profile
from warmline.core.ledger import Note
from warmline.core.message import Message
from warmline.services.book import ClientView
from warmline.services.roster import RosterEntry

ChannelMap = dict[str, list[str]]


def channel_map(channels: Channels) -> ChannelMap:
    return {kind: list(getattr(channels, kind)) for kind in CHANNEL_KINDS}


class SessionOut(BaseModel):
    """What a script needs before its first write: the CSRF token (also set as a cookie)."""

    csrf_token: str
    ui_language: str


class ErrorOut(BaseModel):
    detail: str


class ClientIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, examples=["Anna Smith"])
    timezone: str = Field("UTC", examples=["Europe/London"])
    language: Literal["zh", "en"] = "en"
    company: str = ""
    city: str = ""
    country: str = ""
    status: Literal["lead", "active", "dormant", "former"] = "active"
    tags: list[str] = []
    channels: ChannelMap = Field(default_factory=dict, examples=[{"email": ["anna@example.com"]}])


class ClientEditIn(BaseModel):
    """Only the fields given change; a channel kind given replaces that kind's handles."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    timezone: str | None = None
    language: Literal["zh", "en"] | None = None
    company: str | None = None
    city: str | None = None
    country: str | None = None
    status: Literal["lead", "active", "dormant", "former"] | None = None
    tags: list[str] | None = None
    channels: ChannelMap | None = None


class ClientOut(BaseModel):
    id: int
    name: str
    company: str
    city: str
    country: str
    timezone: str
    language: str
    status: str
    tags: list[str]
    channels: ChannelMap
    archived: bool

    @classmethod
    def of(cls, c: Client) -> ClientOut:
        assert c.id is not None
        return cls(
            id=c.id,
            name=c.name,
            company=c.company,
            city=c.city,
            country=c.country,
            timezone=c.timezone,
            language=c.language,
            status=c.status,
            tags=list(c.tags),
            channels=channel_map(c.channels),
            archived=c.archived_at is not None,
        )


class RosterOut(ClientOut):
    last_in: datetime | None
    last_out: datetime | None
    last_contact: datetime | None
    waiting_since: datetime | None

    @classmethod
    def of_entry(cls, e: RosterEntry) -> RosterOut:
        return cls(
            **ClientOut.of(e.client).model_dump(),
            last_in=e.last_in,
            last_out=e.last_out,
            last_contact=e.last_contact,
            waiting_since=e.waiting_since,
        )


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    kind: Literal["personal", "business"] = "personal"


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    text: str
    at: datetime
    kind: str


class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    title: str
    start: datetime
    due: datetime | None
    status: str
    completed_at: datetime | None
    cadence_days: float | None


class PromiseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    by: str
    text: str
    due: datetime | None
    created_at: datetime
    status: str
    closed_at: datetime | None
    project_id: int | None


class DeliverableOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    what: str
    sent_at: datetime
    feedback_by: datetime | None
    feedback_at: datetime | None
    project_id: int | None


class MeetingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int
    start: datetime
    timezone: str
    duration_minutes: int
    title: str
    actual_start: datetime | None


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    direction: Literal["in", "out"] = "out"
    text: str = Field(min_length=1)
    at: datetime | None = Field(None, description="When it was sent; default now")
    channel: str = ""


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: int | None
    direction: str
    sent_at: datetime
    text: str
    channel: str
    author: str
    emotion: str | None
    questions: list[str]
    status_request: bool
    attachments: list[str]


class ClientDetailOut(BaseModel):
    client: ClientOut
    local_time: datetime
    notes: list[NoteOut]
    projects: list[ProjectOut]
    open_promises: list[PromiseOut]
    awaiting_feedback: list[DeliverableOut]
    upcoming_meetings: list[MeetingOut]
    last_in: datetime | None
    last_out: datetime | None
    message_count: int

    @classmethod
    def of(cls, v: ClientView) -> ClientDetailOut:
        return cls(
            client=ClientOut.of(v.client),
            local_time=v.local_time,
            notes=[NoteOut.model_validate(n) for n in v.notes],
            projects=[ProjectOut.model_validate(p) for p in v.projects],
            open_promises=[PromiseOut.model_validate(k) for k in v.open_promises],
            awaiting_feedback=[DeliverableOut.model_validate(d) for d in v.awaiting_feedback],
            upcoming_meetings=[MeetingOut.model_validate(m) for m in v.upcoming_meetings],
            last_in=v.last_in,
            last_out=v.last_out,
            message_count=v.message_count,
        )


class ProfileIn(BaseModel):
    """Only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    timezone: str | None = None
    country: str | None = None
    work_start: str | None = Field(None, examples=["09:00"])
    work_end: str | None = Field(None, examples=["18:00"])
    work_days: list[int] | None = Field(None, examples=[[0, 1, 2, 3, 4]])
    ui_language: Literal["zh", "en"] | None = None
    reply_target_hours: float | None = None
    identities: ChannelMap | None = None


class ProfileOut(BaseModel):
    name: str
    timezone: str
    country: str
    work_start: str
    work_end: str
    work_days: list[int]
    ui_language: str
    reply_target_hours: float
    identities: ChannelMap

    @classmethod
    def of(cls, p: Profile) -> ProfileOut:
        return cls(
            name=p.name,
            timezone=p.timezone,
            country=p.country,
            work_start=f"{p.work_start:%H:%M}",
            work_end=f"{p.work_end:%H:%M}",
            work_days=list(p.work_days),
            ui_language=p.ui_language,
            reply_target_hours=p.reply_target_hours,
            identities=channel_map(p.identities),
        )


def note_out(n: Note) -> NoteOut:
    return NoteOut.model_validate(n)


def message_out(m: Message) -> MessageOut:
    return MessageOut.model_validate(m)


# -- Today, coach, read, import: the shapes the pages and the API promise ------------


class AgendaItemOut(BaseModel):
    id: str
    client_id: int
    client_name: str
    kind: str
    kind_label: str
    principle: str
    principle_title: str
    related_principles: list[str]
    band: str
    urgency: float
    overdue: bool
    due: datetime
    reason: str
    client_timezone: str
    client_local_time: str
    send_at: datetime
    send_at_text: str
    suggested_message: str
    message_language: str
    details: list[str]
    openers: list[str]
    explain: str
    reason_key: str


class SnoozeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hours: float | None = Field(None, gt=0, description="Snooze this many hours")
    until: datetime | None = Field(None, description="Or until this time")


class SentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="What was sent; default the suggested message")


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    client_id: int | None = None


class FindingOut(BaseModel):
    rule: str
    principle: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestion: str
    replaceable: bool = Field(
        description="True when `suggestion` can replace `match` as it stands (one click)"
    )


class CheckOut(BaseModel):
    text: str
    language: str
    findings: list[FindingOut]


class RuleOut(BaseModel):
    id: str
    principle: str
    level: str
    enabled: bool
    about: str = Field(description="What the rule flags, in the UI language")


class RulesIn(BaseModel):
    """Rule ID -> on (true) or off (false); rules not named keep their state."""

    model_config = ConfigDict(extra="forbid")

    rules: dict[str, bool]


class ReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    client_id: int | None = None


class AmbiguityOut(BaseModel):
    match: str = Field(description="The client's words that admit several readings")
    question: str = Field(description="A confirming question, in the client's language (C3)")


class ClientPromiseOut(BaseModel):
    text: str
    due: datetime | None
    due_text: str = Field(description="The due time as a person reads it, in the client's zone")


class PlanStepOut(BaseModel):
    principle: str
    text: str


class ReadingOut(BaseModel):
    language: str
    emotion: str
    emotion_score: float
    cues: list[str] = Field(description="What the emotion was read from")
    questions: list[str]
    status_request: bool
    ambiguities: list[AmbiguityOut]
    promises: list[ClientPromiseOut]
    plan: list[PlanStepOut] = Field(description="For anger: the six steps of the response")
    reply: str | None = Field(description="For anger: a drafted reply in the client's language")
    next_update: datetime | None = Field(description="The next update the reply promises")


class SenderOut(BaseModel):
    """A sender no client or identity of yours matched."""

    handle: str
    name: str
    channel: str
    count: int
    samples: list[str]


class ImportPreviewOut(BaseModel):
    """The dry run of an upload: what importing it would do. Nothing is stored yet."""

    batch: str
    filename: str
    format: str
    read: int
    new: int
    duplicates: int
    assigned: int
    unassigned: int
    outgoing: int
    skipped: int
    skipped_reasons: dict[str, int]
    unknown: list[SenderOut]


class ImportConfirmIn(BaseModel):
    """For each unknown sender's handle: "client:<id>", "new" (a new client named after
    the sender), "me" (messages I sent) or "skip" (stored unassigned, to map later)."""

    model_config = ConfigDict(extra="forbid")

    mapping: dict[str, str] = {}


class ImportResultOut(BaseModel):
    filename: str
    imported: int
    duplicates: int
    skipped: int
    assigned: int
    unassigned: int
    clients_created: list[ClientOut]
    clients_mapped: list[ClientOut]

"""Conversions between `*Row` tables and frozen domain types."""

from __future__ import annotations

from datetime import time
from typing import Any

from warmline.core.client import CHANNEL_KINDS, Channels, Client, Profile
from warmline.core.ledger import (
    AgendaMark,
    Commitment,
    Deliverable,
    Meeting,
    Note,
    Project,
    Testimonial,
)
from warmline.core.message import Message
from warmline.core.text import as_lang
from warmline.store.table import (
    AgendaMarkRow,
    ClientRow,
    CommitmentRow,
    DeliverableRow,
    HandleRow,
    MeetingRow,
    MessageRow,
    NoteRow,
    ProjectRow,
    TestimonialRow,
    UserRow,
)


def channels_from_pairs(pairs: list[Any]) -> Channels:
    return Channels.from_items([(str(k), str(h)) for k, h in pairs if k in CHANNEL_KINDS])


def client_from_row(row: ClientRow, handles: list[HandleRow]) -> Client:
    ordered = sorted(handles, key=lambda h: h.id)
    return Client(
        id=row.id,
        name=row.name,
        company=row.company,
        city=row.city,
        country=row.country,
        timezone=row.timezone,
        language=as_lang(row.language),
        channels=channels_from_pairs([(h.kind, h.handle) for h in ordered]),
        tags=tuple(row.tags or ()),
        status=row.status,  # type: ignore[arg-type]
        owner=row.owner,
        created_at=row.created_at,
        archived_at=row.archived_at,
    )


def fill_client_row(row: ClientRow, c: Client) -> None:
    row.name = c.name
    row.company = c.company
    row.city = c.city
    row.country = c.country
    row.timezone = c.timezone
    row.language = c.language
    row.tags = list(c.tags)
    row.status = c.status
    row.owner = c.owner
    if c.created_at is not None:
        row.created_at = c.created_at
    row.archived_at = c.archived_at


def _hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _time(s: str) -> time:
    hh, mm = s.split(":")
    return time(int(hh), int(mm))


def profile_from_row(row: UserRow) -> Profile:
    return Profile(
        name=row.name,
        timezone=row.timezone,
        country=row.country,
        work_start=_time(row.work_start),
        work_end=_time(row.work_end),
        work_days=tuple(int(d) for d in row.work_days.split(",") if d.strip()),
        ui_language=as_lang(row.ui_language),
        identities=channels_from_pairs(row.identities or []),
        reply_target_hours=row.reply_target_hours,
    )


def fill_user_row(row: UserRow, p: Profile) -> None:
    row.name = p.name
    row.timezone = p.timezone
    row.country = p.country
    row.work_start = _hhmm(p.work_start)
    row.work_end = _hhmm(p.work_end)
    row.work_days = ",".join(str(d) for d in p.work_days)
    row.ui_language = p.ui_language
    row.identities = [list(pair) for pair in p.identities.items()]
    row.reply_target_hours = p.reply_target_hours


def message_from_row(r: MessageRow) -> Message:
    return Message(
        id=r.id,
        client_id=r.client_id,
        project_id=r.project_id,
        direction=r.direction,  # type: ignore[arg-type]
        channel=r.channel,
        sent_at=r.sent_at,
        utc_offset_minutes=r.utc_offset_minutes,
        author=r.author,
        handle=r.handle,
        thread=r.thread,
        source=r.source,
        external_id=r.external_id or "",
        attachments=tuple(r.attachments or ()),
        emotion=r.emotion,  # type: ignore[arg-type]
        emotion_score=r.emotion_score,
        questions=tuple(r.questions or ()),
        status_request=r.status_request,
        text=r.text,
    )


def message_values(m: Message) -> dict[str, object]:
    """A message as column values, for bulk inserts (no ORM object per row)."""
    return {
        "client_id": m.client_id,
        "project_id": m.project_id,
        "direction": m.direction,
        "channel": m.channel,
        "sent_at": m.sent_at,
        "utc_offset_minutes": m.utc_offset_minutes,
        "author": m.author,
        "handle": m.handle,
        "thread": m.thread,
        "source": m.source,
        "external_id": m.external_id or None,
        "attachments": list(m.attachments),
        "emotion": m.emotion,
        "emotion_score": m.emotion_score,
        "questions": list(m.questions),
        "status_request": m.status_request,
        "text": m.text,
    }


def message_row(m: Message) -> MessageRow:
    return MessageRow(
        id=m.id,
        client_id=m.client_id,
        project_id=m.project_id,
        direction=m.direction,
        channel=m.channel,
        sent_at=m.sent_at,
        utc_offset_minutes=m.utc_offset_minutes,
        author=m.author,
        handle=m.handle,
        thread=m.thread,
        source=m.source,
        external_id=m.external_id or None,
        attachments=list(m.attachments),
        emotion=m.emotion,
        emotion_score=m.emotion_score,
        questions=list(m.questions),
        status_request=m.status_request,
        text=m.text,
    )


def project_from_row(r: ProjectRow) -> Project:
    return Project(
        id=r.id,
        client_id=r.client_id,
        title=r.title,
        start=r.start,
        due=r.due,
        status=r.status,  # type: ignore[arg-type]
        completed_at=r.completed_at,
        cadence_days=r.cadence_days,
    )


def project_row(p: Project) -> ProjectRow:
    return ProjectRow(
        id=p.id,
        client_id=p.client_id,
        title=p.title,
        start=p.start,
        due=p.due,
        status=p.status,
        completed_at=p.completed_at,
        cadence_days=p.cadence_days,
    )


def commitment_from_row(r: CommitmentRow) -> Commitment:
    return Commitment(
        id=r.id,
        client_id=r.client_id,
        project_id=r.project_id,
        by=r.by,  # type: ignore[arg-type]
        text=r.text,
        due=r.due,
        created_at=r.created_at,
        status=r.status,  # type: ignore[arg-type]
        closed_at=r.closed_at,
        source_message_id=r.source_message_id,
    )


def commitment_values(c: Commitment) -> dict[str, object]:
    """A new commitment as column values, for bulk inserts."""
    return {
        "client_id": c.client_id,
        "project_id": c.project_id,
        "by": c.by,
        "text": c.text,
        "due": c.due,
        "created_at": c.created_at,
        "status": c.status,
        "closed_at": c.closed_at,
        "source_message_id": c.source_message_id,
    }


def commitment_row(c: Commitment) -> CommitmentRow:
    return CommitmentRow(
        id=c.id,
        client_id=c.client_id,
        project_id=c.project_id,
        by=c.by,
        text=c.text,
        due=c.due,
        created_at=c.created_at,
        status=c.status,
        closed_at=c.closed_at,
        source_message_id=c.source_message_id,
    )


def deliverable_from_row(r: DeliverableRow) -> Deliverable:
    return Deliverable(
        id=r.id,
        client_id=r.client_id,
        project_id=r.project_id,
        what=r.what,
        sent_at=r.sent_at,
        feedback_by=r.feedback_by,
        feedback_at=r.feedback_at,
        feedback_message_id=r.feedback_message_id,
        source_message_id=r.source_message_id,
    )


def deliverable_values(d: Deliverable) -> dict[str, object]:
    """A new deliverable as column values, for bulk inserts."""
    return {
        "client_id": d.client_id,
        "project_id": d.project_id,
        "what": d.what,
        "sent_at": d.sent_at,
        "feedback_by": d.feedback_by,
        "feedback_at": d.feedback_at,
        "feedback_message_id": d.feedback_message_id,
        "source_message_id": d.source_message_id,
    }


def deliverable_row(d: Deliverable) -> DeliverableRow:
    return DeliverableRow(
        id=d.id,
        client_id=d.client_id,
        project_id=d.project_id,
        what=d.what,
        sent_at=d.sent_at,
        feedback_by=d.feedback_by,
        feedback_at=d.feedback_at,
        feedback_message_id=d.feedback_message_id,
        source_message_id=d.source_message_id,
    )


def meeting_from_row(r: MeetingRow) -> Meeting:
    return Meeting(
        id=r.id,
        client_id=r.client_id,
        start=r.start,
        timezone=r.timezone,
        duration_minutes=r.duration_minutes,
        title=r.title,
        actual_start=r.actual_start,
        notes=r.notes,
    )


def meeting_row(m: Meeting) -> MeetingRow:
    return MeetingRow(
        id=m.id,
        client_id=m.client_id,
        start=m.start,
        timezone=m.timezone,
        duration_minutes=m.duration_minutes,
        title=m.title,
        actual_start=m.actual_start,
        notes=m.notes,
    )


def note_from_row(r: NoteRow) -> Note:
    return Note(id=r.id, client_id=r.client_id, text=r.text, at=r.at, kind=r.kind)  # type: ignore[arg-type]


def note_row(n: Note) -> NoteRow:
    return NoteRow(id=n.id, client_id=n.client_id, text=n.text, at=n.at, kind=n.kind)


def testimonial_from_row(r: TestimonialRow) -> Testimonial:
    return Testimonial(
        id=r.id,
        client_id=r.client_id,
        text=r.text,
        created_at=r.created_at,
        permission=r.permission,
        tags=tuple(r.tags or ()),
        product=r.product,
    )


def testimonial_row(t: Testimonial) -> TestimonialRow:
    return TestimonialRow(
        id=t.id,
        client_id=t.client_id,
        text=t.text,
        created_at=t.created_at,
        permission=t.permission,
        tags=list(t.tags),
        product=t.product,
    )


def mark_from_row(r: AgendaMarkRow) -> AgendaMark:
    return AgendaMark(key=r.key, action=r.action, at=r.at, reason=r.reason, until=r.until)  # type: ignore[arg-type]

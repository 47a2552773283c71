"""The agenda snapshot: load an `AgendaState` with a fixed number of set-based queries.

No query per client: per-client facts (last message each way, last update per
project) come from correlated scalar subqueries that the indexes
`ix_messages_client_direction_sent` and `ix_messages_client_direction_project_sent`
answer with one index seek each; message bodies are read only for the question
window (and for replies still pending from before it), cut to 1,000 characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from warmline.agenda.state import AgendaSettings, AgendaState, ClientActivity, MessageDigest
from warmline.core.client import Channels, Client, Profile
from warmline.core.ledger import Note
from warmline.core.text import as_lang
from warmline.store import mapping as m
from warmline.store.table import (
    AgendaMarkRow,
    ClientRow,
    CommitmentRow,
    DeliverableRow,
    MeetingRow,
    MessageRow,
    NoteRow,
    ProjectRow,
)

TEXT_LIMIT = 1000
NOTES_PER_CLIENT = 5
# Open promises due within this horizon are loaded (the rule shows ours up to the end of
# our next working day, which a long holiday such as the Spring Festival pushes out).
PROMISE_HORIZON = timedelta(days=30)
_CHUNK = 900  # ids per IN list: well inside SQLite's and PostgreSQL's parameter limits


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _scope(owner: str | None, client_ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [ClientRow.archived_at.is_(None)]
    if owner is not None:
        where.append(ClientRow.owner == owner)
    if client_ids is not None:
        where.append(ClientRow.id.in_(list(client_ids)))
    return where


def _client(row: Any) -> Client:
    return Client(
        id=row.id,
        name=row.name,
        company=row.company,
        city=row.city,
        country=row.country,
        timezone=row.timezone,
        language=as_lang(row.language),
        channels=Channels(),
        tags=tuple(row.tags or ()),
        status=row.status,
        owner=row.owner,
        created_at=row.created_at,
        archived_at=row.archived_at,
    )


def _last(direction: str, now: datetime) -> Any:
    inner = aliased(MessageRow)
    return (
        select(func.max(inner.sent_at))
        .where(inner.client_id == ClientRow.id, inner.direction == direction, inner.sent_at <= now)
        .correlate(ClientRow)
        .scalar_subquery()
    )


def _digest_columns() -> Select[Any]:
    return select(
        MessageRow.id,
        MessageRow.client_id,
        MessageRow.project_id,
        MessageRow.direction,
        MessageRow.sent_at,
        func.substr(MessageRow.text, 1, TEXT_LIMIT).label("text"),
        MessageRow.thread,
        MessageRow.emotion,
        MessageRow.questions,
        MessageRow.status_request,
    )


def _digest(row: Any) -> MessageDigest:
    return MessageDigest(
        id=row.id,
        direction=row.direction,
        sent_at=_aware(row.sent_at),
        text=row.text or "",
        project_id=row.project_id,
        thread=row.thread or "",
        emotion=row.emotion,
        questions=tuple(row.questions or ()),
        status_request=bool(row.status_request),
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def load_agenda_state(
    session: Session,
    profile: Profile,
    now: datetime,
    settings: AgendaSettings,
    *,
    owner: str | None = None,
    client_ids: Sequence[int] | None = None,
) -> AgendaState:
    """Everything `build_agenda` needs at `now`, for the clients in scope.

    `owner` limits the book to one user's clients (team mode); `client_ids` to a few.
    """
    scope = _scope(owner, client_ids)
    in_scope = select(ClientRow.id).where(*scope)
    window_start = now - settings.question_window

    # 1. Clients with their newest message each way (two index seeks per client).
    rows = session.execute(
        select(
            ClientRow.id,
            ClientRow.name,
            ClientRow.company,
            ClientRow.city,
            ClientRow.country,
            ClientRow.timezone,
            ClientRow.language,
            ClientRow.tags,
            ClientRow.status,
            ClientRow.owner,
            ClientRow.created_at,
            ClientRow.archived_at,
            _last("in", now).label("last_in"),
            _last("out", now).label("last_out"),
        )
        .where(*scope)
        .order_by(ClientRow.id)
    ).all()
    clients = {r.id: _client(r) for r in rows}
    last_in = {r.id: r.last_in for r in rows}
    last_out = {r.id: r.last_out for r in rows}

    # 2. Projects: active ones, and done ones recent enough for a revisit.
    revisit_from = now - timedelta(
        days=max(settings.revisit_days, default=0) + settings.revisit_window_days
    )
    projects = [
        m.project_from_row(r)
        for r in session.scalars(
            select(ProjectRow)
            .where(
                ProjectRow.client_id.in_(in_scope),
                or_(
                    ProjectRow.status == "active",
                    and_(ProjectRow.status == "done", ProjectRow.completed_at >= revisit_from),
                ),
            )
            .order_by(ProjectRow.id)
        )
    ]
    active = [p for p in projects if p.status == "active"]

    # 3. Our newest update per active project, and (for clients with a single active
    #    project) per client on messages with no project: one index seek each.
    by_project: dict[int, dict[int | None, datetime]] = {cid: {} for cid in clients}
    if active:
        inner = aliased(MessageRow)
        newest = (
            select(func.max(inner.sent_at))
            .where(
                inner.client_id == ProjectRow.client_id,
                inner.direction == "out",
                inner.project_id == ProjectRow.id,
                inner.sent_at <= now,
            )
            .correlate(ProjectRow)
            .scalar_subquery()
        )
        for r in session.execute(
            select(ProjectRow.id, ProjectRow.client_id, newest.label("at")).where(
                ProjectRow.client_id.in_(in_scope), ProjectRow.status == "active"
            )
        ):
            if r.at is not None:
                by_project.setdefault(r.client_id, {})[r.id] = _aware(r.at)
        counts: dict[int, int] = {}
        for p in active:
            counts[p.client_id] = counts.get(p.client_id, 0) + 1
        sole = sorted(cid for cid, n in counts.items() if n == 1)
        loose = aliased(MessageRow)
        newest_loose = (
            select(func.max(loose.sent_at))
            .where(
                loose.client_id == ClientRow.id,
                loose.direction == "out",
                loose.project_id.is_(None),
                loose.sent_at <= now,
            )
            .correlate(ClientRow)
            .scalar_subquery()
        )
        for chunk in _chunks(sole):
            for cid, at in session.execute(
                select(ClientRow.id, newest_loose).where(ClientRow.id.in_(chunk))
            ):
                if at is not None:
                    by_project.setdefault(cid, {})[None] = _aware(at)

    # 4. Messages in the question window, plus replies still pending from before it.
    recent: dict[int, list[MessageDigest]] = {}
    for r in session.execute(
        _digest_columns().where(
            MessageRow.client_id.in_(in_scope),
            MessageRow.sent_at >= window_start,
            MessageRow.sent_at <= now,
        )
    ):
        recent.setdefault(r.client_id, []).append(_digest(r))
    stale = sorted(
        cid
        for cid in clients
        if (li := last_in[cid]) is not None
        and ((lo := last_out[cid]) is None or (lo < window_start and li > lo))
    )
    for chunk in _chunks(stale):
        answered = aliased(MessageRow)
        our_last = (
            select(func.max(answered.sent_at))
            .where(
                answered.client_id == MessageRow.client_id,
                answered.direction == "out",
                answered.sent_at <= now,
            )
            .correlate(MessageRow)
            .scalar_subquery()
        )
        for r in session.execute(
            _digest_columns().where(
                MessageRow.client_id.in_(chunk),
                MessageRow.direction == "in",
                MessageRow.sent_at < window_start,
                or_(our_last.is_(None), MessageRow.sent_at > our_last),
            )
        ):
            recent.setdefault(r.client_id, []).append(_digest(r))

    activity = {
        cid: ClientActivity(
            client_id=cid,
            last_in_at=last_in[cid],
            last_out_at=last_out[cid],
            last_out_by_project=by_project.get(cid, {}),
            recent=tuple(sorted(recent.get(cid, ()), key=lambda d: (d.sent_at, d.id))),
        )
        for cid in clients
    }

    # 5. The ledger: open promises, deliveries awaiting feedback, meetings in the window.
    commitments = [
        m.commitment_from_row(r)
        for r in session.scalars(
            select(CommitmentRow)
            .where(
                CommitmentRow.status == "open",
                CommitmentRow.due.is_not(None),
                CommitmentRow.due <= now + PROMISE_HORIZON,
                CommitmentRow.client_id.in_(in_scope),
            )
            .order_by(CommitmentRow.id)
        )
    ]
    deliverables = [
        m.deliverable_from_row(r)
        for r in session.scalars(
            select(DeliverableRow)
            .where(
                DeliverableRow.feedback_at.is_(None),
                DeliverableRow.sent_at <= now,
                DeliverableRow.client_id.in_(in_scope),
            )
            .order_by(DeliverableRow.id)
        )
    ]
    meetings = [
        m.meeting_from_row(r)
        for r in session.scalars(
            select(MeetingRow)
            .where(
                MeetingRow.start >= now,
                MeetingRow.start <= now + timedelta(hours=settings.meeting_window_hours),
                MeetingRow.client_id.in_(in_scope),
            )
            .order_by(MeetingRow.start, MeetingRow.id)
        )
    ]
    notes = _notes(session, sorted({mt.client_id for mt in meetings}))
    marks = {
        mark.key: mark
        for mark in (m.mark_from_row(r) for r in session.scalars(select(AgendaMarkRow)))
    }
    return AgendaState(
        profile=profile,
        clients=clients,
        activity=activity,
        projects=tuple(projects),
        commitments=tuple(commitments),
        deliverables=tuple(deliverables),
        meetings=tuple(meetings),
        notes=notes,
        marks=marks,
    )


def _notes(session: Session, client_ids: list[int]) -> dict[int, tuple[Note, ...]]:
    found: dict[int, list[Note]] = {}
    for chunk in _chunks(client_ids):
        for r in session.scalars(
            select(NoteRow)
            .where(NoteRow.client_id.in_(chunk), NoteRow.kind == "personal")
            .order_by(NoteRow.client_id, NoteRow.at.desc(), NoteRow.id.desc())
        ):
            notes = found.setdefault(r.client_id, [])
            if len(notes) < NOTES_PER_CLIENT:
                notes.append(m.note_from_row(r))
    return {cid: tuple(ns) for cid, ns in found.items()}

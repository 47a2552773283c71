"""The agenda snapshot: load an `AgendaState` with a fixed number of set-based queries.

No query per client: per-client facts (last message each way, last update per
project) come from correlated scalar subqueries that the indexes
`ix_messages_client_direction_sent` and `ix_messages_client_direction_project_sent`
answer with one index seek each. Message bodies (cut to 1,000 characters) are read
only where a rule looks at them: messages still awaiting our reply, the client's
questions and status requests in the question window, and our messages after them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from warmline.agenda.reading import HOLDING_MAX_CHARS
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
# Characters without which neither the coach nor agenda.reading sees a question.
QUESTION_MARKS = ("?", "？", "吗", "么", "呢")
_NO_CHANNELS = Channels()  # the agenda never reads a client's handles
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
    # Positional, in Client's field order: this runs once per client in the book.
    return Client(
        row.name,
        row.timezone,
        as_lang(row.language),
        row.company,
        row.city,
        row.country,
        _NO_CHANNELS,
        _json_list(row.tags),
        row.status,
        row.owner,
        _utc(row.created_at),
        _utc(row.archived_at),
        row.id,
    )


def _last(direction: str, now: datetime) -> Any:
    inner = aliased(MessageRow)
    return (
        select(func.max(inner.sent_at))
        .where(inner.client_id == ClientRow.id, inner.direction == direction, inner.sent_at <= now)
        .correlate(ClientRow)
        .scalar_subquery()
    )


def _raw(column: Any, label: str) -> Any:
    """A column read without SQLAlchemy's per-row conversion (parsed by `_utc`/`_json`).

    The agenda reads tens of thousands of rows; the typed conversion costs more than
    the query. The database value is the same: naive UTC (a string in SQLite, a
    datetime in PostgreSQL), or JSON text.
    """
    return type_coerce(column, String).label(label)


def _utc(value: Any) -> datetime | None:
    """A stored UTC time, read raw, as an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite: "2026-11-23 02:00:00.000000"
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def _json_list(value: Any) -> tuple[str, ...]:
    if not value or value == "[]":
        return ()
    found = json.loads(value) if isinstance(value, str) else value
    return tuple(str(x) for x in found)


def _digest_columns() -> Select[Any]:
    return select(
        MessageRow.id,
        MessageRow.client_id,
        MessageRow.project_id,
        MessageRow.direction,
        _raw(MessageRow.sent_at, "sent_at"),
        func.substr(MessageRow.text, 1, TEXT_LIMIT).label("text"),
        MessageRow.thread,
        MessageRow.emotion,
        _raw(MessageRow.questions, "questions"),
        MessageRow.status_request,
    )


def _digest(row: Any) -> MessageDigest:
    return MessageDigest(
        row.id,
        row.direction,
        _utc(row.sent_at),  # type: ignore[arg-type]
        row.text or "",
        row.project_id,
        row.thread or "",
        row.emotion,
        _json_list(row.questions),
        bool(row.status_request),
    )


def _attrs(row: Any) -> Any:
    """A Core row stands in for an ORM row in the mapping functions (same attribute
    names; no identity map, which thousands of read-only rows do not need)."""
    return row


def _after(moment: datetime | None, mark: datetime | None) -> bool:
    """`moment` exists and is later than `mark` (no mark: any moment is later)."""
    return moment is not None and (mark is None or moment > mark)


def _surely_substantive(row: Any) -> ColumnElement[bool]:
    """Replies that agenda.reading.is_holding calls substantive, decidable in SQL: no link,
    and a digit or more than HOLDING_MAX_CHARS characters (a subset of all such replies)."""
    return and_(
        ~row.text.contains("http", autoescape=True),
        ~row.text.contains("www.", autoescape=True),
        or_(
            func.length(row.text) > HOLDING_MAX_CHARS,
            *(row.text.contains(str(digit)) for digit in range(10)),
        ),
    )


def _may_ask() -> ColumnElement[bool]:
    """Incoming messages that ask something or may (a superset of agenda.reading.asked)."""
    return or_(
        cast(MessageRow.questions, String) != "[]",
        MessageRow.status_request.is_(True),
        *(MessageRow.text.contains(mark, autoescape=True) for mark in QUESTION_MARKS),
    )


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
            _raw(ClientRow.tags, "tags"),
            ClientRow.status,
            ClientRow.owner,
            _raw(ClientRow.created_at, "created_at"),
            _raw(ClientRow.archived_at, "archived_at"),
            _raw(_last("in", now), "last_in"),
            _raw(_last("out", now), "last_out"),
        )
        .where(*scope)
        .order_by(ClientRow.id)
    ).all()
    clients = {r.id: _client(r) for r in rows}
    last_in = {r.id: _utc(r.last_in) for r in rows}
    last_out = {r.id: _utc(r.last_out) for r in rows}

    # 2. Projects: active ones, and done ones recent enough for a revisit.
    revisit_from = now - timedelta(
        days=max(settings.revisit_days, default=0) + settings.revisit_window_days
    )
    projects = [
        m.project_from_row(_attrs(r))
        for r in session.execute(
            select(ProjectRow.__table__)
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
                by_project.setdefault(r.client_id, {})[r.id] = r.at
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
                    by_project.setdefault(cid, {})[None] = at

    # 4. Only the messages the rules read (see ClientActivity.recent):
    #    a. incoming messages after our last reply, whatever their age;
    #    b. incoming messages in the question window that ask something (or may:
    #       a question mark, 吗/么/呢) or ask for status;
    #    c. our messages in the window after the first of those (do they answer it?).
    recent: dict[int, dict[int, MessageDigest]] = {}
    waiting = [cid for cid in clients if _after(last_in[cid], last_out[cid])]
    never = [cid for cid in waiting if last_out[cid] is None]
    replied = [cid for cid in waiting if last_out[cid] is not None]
    for chunk in _chunks(replied):
        # Our last reply per client as a derived table, then one index range per client.
        ours = aliased(MessageRow)
        last = (
            select(ours.client_id.label("cid"), func.max(ours.sent_at).label("lo"))
            .where(ours.client_id.in_(chunk), ours.direction == "out", ours.sent_at <= now)
            .group_by(ours.client_id)
            .subquery()
        )
        for r in session.execute(
            _digest_columns()
            .join(last, last.c.cid == MessageRow.client_id)
            .where(
                MessageRow.client_id.in_(chunk),  # steers planners without statistics
                MessageRow.direction == "in",
                MessageRow.sent_at > last.c.lo,
                MessageRow.sent_at <= now,
            )
        ):
            recent.setdefault(r.client_id, {})[r.id] = _digest(r)
    for chunk in _chunks(never):
        for r in session.execute(
            _digest_columns().where(
                MessageRow.client_id.in_(chunk),
                MessageRow.direction == "in",
                MessageRow.sent_at <= now,
            )
        ):
            recent.setdefault(r.client_id, {})[r.id] = _digest(r)
    first_ask: dict[int, datetime] = {}
    for r in session.execute(
        _digest_columns().where(
            MessageRow.client_id.in_(in_scope),
            MessageRow.direction == "in",
            MessageRow.sent_at >= window_start,
            MessageRow.sent_at <= now,
            _may_ask(),
        )
    ):
        d = _digest(r)
        recent.setdefault(r.client_id, {})[d.id] = d
        if r.client_id not in first_ask or d.sent_at < first_ask[r.client_id]:
            first_ask[r.client_id] = d.sent_at
    for chunk in _chunks(sorted(first_ask)):
        # Our replies are read for their text only (does one answer the question?), and
        # only from each client's newest reply that surely has substance: the rule stops
        # looking back there (agenda/rules/reply.open_questions).
        ours = aliased(MessageRow)
        cut = (
            select(ours.client_id.label("cid"), func.max(ours.sent_at).label("since"))
            .where(
                ours.client_id.in_(chunk),
                ours.direction == "out",
                ours.sent_at >= window_start,
                ours.sent_at <= now,
                _surely_substantive(ours),
            )
            .group_by(ours.client_id)
            .subquery()
        )
        replies = select(
            MessageRow.id,
            MessageRow.client_id,
            _raw(MessageRow.sent_at, "sent_at"),
            func.substr(MessageRow.text, 1, TEXT_LIMIT).label("text"),
            MessageRow.project_id,
        ).where(
            MessageRow.direction == "out",
            MessageRow.sent_at >= window_start,
            MessageRow.sent_at <= now,
        )
        with_cut = replies.join(cut, cut.c.cid == MessageRow.client_id).where(
            MessageRow.client_id.in_(chunk), MessageRow.sent_at >= cut.c.since
        )
        without_cut = replies.where(
            MessageRow.client_id.in_(chunk),
            MessageRow.client_id.not_in(select(cut.c.cid)),
        )
        for query in (with_cut, without_cut):
            for r in session.execute(query):
                sent = _utc(r.sent_at)
                assert sent is not None
                if sent > first_ask[r.client_id]:
                    recent.setdefault(r.client_id, {})[r.id] = MessageDigest(
                        r.id, "out", sent, r.text or "", r.project_id
                    )

    activity = {
        cid: ClientActivity(
            client_id=cid,
            last_in_at=last_in[cid],
            last_out_at=last_out[cid],
            last_out_by_project=by_project.get(cid, {}),
            recent=tuple(sorted(recent.get(cid, {}).values(), key=lambda d: (d.sent_at, d.id))),
        )
        for cid in clients
    }

    # 5. The ledger: open promises, deliveries awaiting feedback, meetings in the window.
    commitments = [
        m.commitment_from_row(_attrs(r))
        for r in session.execute(
            select(CommitmentRow.__table__)
            .where(
                CommitmentRow.status == "open",
                CommitmentRow.due.is_not(None),
                # Ours: shown up to the end of our next working day; theirs once late.
                or_(
                    and_(CommitmentRow.by == "us", CommitmentRow.due <= now + PROMISE_HORIZON),
                    CommitmentRow.due <= now,
                ),
                CommitmentRow.client_id.in_(in_scope),
            )
            .order_by(CommitmentRow.id)
        )
    ]
    deliverables = [
        m.deliverable_from_row(_attrs(r))
        for r in session.execute(
            select(DeliverableRow.__table__)
            .where(
                DeliverableRow.feedback_at.is_(None),
                DeliverableRow.sent_at <= now,
                or_(DeliverableRow.feedback_by.is_(None), DeliverableRow.feedback_by <= now),
                DeliverableRow.client_id.in_(in_scope),
            )
            .order_by(DeliverableRow.id)
        )
    ]
    meetings = [
        m.meeting_from_row(_attrs(r))
        for r in session.execute(
            select(MeetingRow.__table__)
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

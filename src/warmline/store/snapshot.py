"""The agenda snapshot: load an `AgendaState` with a fixed number of set-based queries.

No query per client. Each client comes with its activity summary
(`client_activity`, kept by store/activity.py): the newest message each way, our
last answer, their last question and status request. Projects come with our last
update on them (`project_activity`). From those the loader knows which clients the
rules must read messages for (see `ClientActivity.recent`), and reads only those,
cut to TEXT_LIMIT characters: messages awaiting our reply, messages in the question
window from our last answer on, status requests in the window.

A summary describes every message stored. When `now` is earlier than a client's
newest message (`--at` in the past, a message dated in the future) or the summary was
judged by another version of agenda.reading, that client is read from the messages
instead, as `agenda.summarise` would: index seeks for the newest messages before
`now`, and the whole question window.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from warmline.agenda.reading import READING_VERSION
from warmline.agenda.rules.update import last_update
from warmline.agenda.state import (
    TEXT_LIMIT,
    AgendaSettings,
    AgendaState,
    ClientActivity,
    MessageDigest,
)
from warmline.core.client import Channels, Client, Profile
from warmline.core.ledger import AgendaMark, Commitment, Deliverable, Meeting, Note, Project
from warmline.core.text import as_lang
from warmline.store.activity import TIMES
from warmline.store.table import (
    AgendaMarkRow,
    ClientActivityRow,
    ClientRow,
    CommitmentRow,
    DeliverableRow,
    MeetingRow,
    MessageRow,
    NoteRow,
    ProjectActivityRow,
    ProjectRow,
    UTCDateTime,
)

NOTES_PER_CLIENT = 5
# Open promises due within this horizon are loaded (the rule shows ours up to the end of
# our next working day, which a long holiday such as the Spring Festival pushes out).
PROMISE_HORIZON = timedelta(days=30)
_NO_CHANNELS = Channels()  # the agenda never reads a client's handles
_CHUNK = 900  # ids per IN list: well inside SQLite's and PostgreSQL's parameter limits

Times = tuple[datetime | None, ...]  # a summary row: the times of activity.TIMES, in order


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


def _raw(column: Any, label: str | None = None) -> Any:
    """A column read without SQLAlchemy's per-row conversion (parsed by `_utc`/`_json`).

    The agenda reads tens of thousands of rows; the typed conversion costs more than
    the query. The database value is the same: naive UTC (a string in SQLite, a
    datetime in PostgreSQL), or JSON text.
    """
    raw = type_coerce(column, String)
    return raw.label(label) if label else raw


def _utc(value: Any) -> datetime | None:
    """A stored UTC time, read raw, as an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite: "2026-11-23 02:00:00.000000"
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def _rows(conn: Connection, query: Any) -> Sequence[Any]:
    """All rows at once: one fetchall instead of a fetch per row."""
    return conn.execute(query).all()


def _when(value: Any) -> datetime:
    """A stored UTC time that cannot be NULL."""
    found = _utc(value)
    assert found is not None
    return found


def _json_list(value: Any) -> tuple[str, ...]:
    if not value or value == "[]":
        return ()
    found = json.loads(value) if isinstance(value, str) else value
    return tuple(str(x) for x in found)


def _at(value: datetime) -> Any:
    """A bound time, converted the way stored times are."""
    return literal(value, UTCDateTime())


# -- rows to domain objects (positional, in field order: these run per row) -----------


def _client(r: Any) -> Client:
    return Client(
        r[1],
        r[5],
        as_lang(r[6]),
        r[2],
        r[3],
        r[4],
        _NO_CHANNELS,
        _json_list(r[7]),
        r[8],
        r[9],
        _utc(r[10]),
        _utc(r[11]),
        r[0],
    )


_CLIENT_COLUMNS = (
    ClientRow.id,
    ClientRow.name,
    ClientRow.company,
    ClientRow.city,
    ClientRow.country,
    ClientRow.timezone,
    ClientRow.language,
    _raw(ClientRow.tags),
    ClientRow.status,
    ClientRow.owner,
    _raw(ClientRow.created_at),
    _raw(ClientRow.archived_at),
)
_SUMMARY_COLUMNS = (
    ClientActivityRow.reading,
    *(_raw(ClientActivityRow.__table__.c[name]) for name in TIMES),
)
# Positions in a summary (`Times`), as in activity.TIMES.
_IN, _NEED, _OUT, _LOOSE, _ANSWER, _ASK, _STATUS = range(len(TIMES))
_DIGEST_COLUMNS = (
    MessageRow.id,
    MessageRow.client_id,
    MessageRow.project_id,
    MessageRow.direction,
    _raw(MessageRow.sent_at),
    func.substr(MessageRow.text, 1, TEXT_LIMIT),
    MessageRow.thread,
    MessageRow.emotion,
    _raw(MessageRow.questions),
    MessageRow.status_request,
)


def _digest(r: Any) -> MessageDigest:
    return MessageDigest(
        r[0],
        r[3],
        _utc(r[4]),  # type: ignore[arg-type]
        r[5] or "",
        r[2],
        r[6] or "",
        r[7],
        _json_list(r[8]),
        bool(r[9]),
    )


class _Recent:
    """Digests per client, by message ID (the queries overlap)."""

    def __init__(self) -> None:
        self.found: dict[int, dict[int, MessageDigest]] = {}

    def read(self, conn: Connection, query: Select[Any]) -> None:
        for r in _rows(conn, query):
            self.found.setdefault(r[1], {})[r[0]] = _digest(r)

    def of(self, client_id: int) -> tuple[MessageDigest, ...]:
        digests = self.found.get(client_id)
        if not digests:
            return ()
        return tuple(sorted(digests.values(), key=lambda d: (d.sent_at, d.id)))


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
    conn = session.connection()
    scope = _scope(owner, client_ids)
    in_scope = select(ClientRow.id).where(*scope)
    window_start = now - settings.question_window

    # 1. Clients with their activity summary. A summary counts only when it holds no
    #    message after `now` and was judged by this version of agenda.reading.
    clients: dict[int, Client] = {}
    summaries: dict[int, Times] = {}
    direct: list[int] = []
    for r in _rows(
        conn,
        select(*_CLIENT_COLUMNS, *_SUMMARY_COLUMNS)
        .select_from(ClientRow)
        .outerjoin(ClientActivityRow, ClientActivityRow.client_id == ClientRow.id)
        .where(*scope)
        .order_by(ClientRow.id),
    ):
        cid = r[0]
        clients[cid] = _client(r)
        if r[12] is None:
            continue  # no message at all
        times = tuple(_utc(v) for v in r[13:])
        newest = max((t for t in (times[_IN], times[_OUT]) if t is not None), default=None)
        if r[12] != READING_VERSION or (newest is not None and newest > now):
            direct.append(cid)
        else:
            summaries[cid] = times

    # 2. Projects: active ones, and done ones recent enough for a revisit; with our last
    #    update on each (summary clients only: the others are read below).
    revisit_from = now - timedelta(
        days=max(settings.revisit_days, default=0) + settings.revisit_window_days
    )
    projects: list[Project] = []
    by_project: dict[int, dict[int | None, datetime]] = {}
    for r in _rows(
        conn,
        select(
            ProjectRow.id,
            ProjectRow.client_id,
            ProjectRow.title,
            _raw(ProjectRow.start),
            _raw(ProjectRow.due),
            ProjectRow.status,
            _raw(ProjectRow.completed_at),
            ProjectRow.cadence_days,
            _raw(ProjectActivityRow.last_out_at),
        )
        .select_from(ProjectRow)
        .outerjoin(
            ProjectActivityRow,
            and_(
                ProjectActivityRow.client_id == ProjectRow.client_id,
                ProjectActivityRow.project_id == ProjectRow.id,
            ),
        )
        .where(
            ProjectRow.client_id.in_(in_scope),
            or_(
                ProjectRow.status == "active",
                and_(ProjectRow.status == "done", ProjectRow.completed_at >= _at(revisit_from)),
            ),
        )
        .order_by(ProjectRow.id),
    ):
        p = Project(
            r[1],
            r[2],
            _when(r[3]),
            _utc(r[4]),
            r[5],
            _utc(r[6]),
            r[7],
            r[0],
        )
        projects.append(p)
        if p.status == "active" and r[8] is not None and p.client_id in summaries:
            by_project.setdefault(p.client_id, {})[r[0]] = _utc(r[8])  # type: ignore[assignment]
    active: dict[int, list[Project]] = {}
    for p in projects:
        if p.status == "active":
            active.setdefault(p.client_id, []).append(p)
    for cid, mine in active.items():
        count = len(mine)
        loose = summaries[cid][_LOOSE] if count == 1 and cid in summaries else None
        if loose is not None:
            by_project.setdefault(cid, {})[None] = loose

    # 3. Messages, for the clients the rules must read some of (ClientActivity.recent).
    recent = _Recent()
    _read_summarised(conn, recent, summaries, active, by_project, window_start, now)
    direct_activity = _read_directly(conn, recent, direct, projects, active, window_start, now)

    activity: dict[int, ClientActivity] = {}
    for cid in clients:
        known = summaries.get(cid)
        if known is not None:
            activity[cid] = ClientActivity(
                cid, known[_IN], known[_OUT], by_project.get(cid, {}), recent.of(cid)
            )
        elif cid in direct_activity:
            last_in, last_out, projects_out = direct_activity[cid]
            activity[cid] = ClientActivity(cid, last_in, last_out, projects_out, recent.of(cid))
        else:
            activity[cid] = ClientActivity(cid)

    # 4. The ledger: open promises, deliveries awaiting feedback, meetings in the window.
    commitments = tuple(
        Commitment(r[1], r[2], r[3], _utc(r[4]), _utc(r[5]), r[6], _utc(r[7]), r[8], r[9], r[0])  # type: ignore[arg-type]
        for r in _rows(
            conn,
            select(
                CommitmentRow.id,
                CommitmentRow.client_id,
                CommitmentRow.by,
                CommitmentRow.text,
                _raw(CommitmentRow.due),
                _raw(CommitmentRow.created_at),
                CommitmentRow.status,
                _raw(CommitmentRow.closed_at),
                CommitmentRow.project_id,
                CommitmentRow.source_message_id,
            )
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
            .order_by(CommitmentRow.id),
        )
    )
    deliverables = tuple(
        Deliverable(r[1], r[2], _utc(r[3]), _utc(r[4]), r[5], _utc(r[6]), r[7], r[8], r[0])  # type: ignore[arg-type]
        for r in _rows(
            conn,
            select(
                DeliverableRow.id,
                DeliverableRow.client_id,
                DeliverableRow.what,
                _raw(DeliverableRow.sent_at),
                _raw(DeliverableRow.feedback_by),
                DeliverableRow.project_id,
                _raw(DeliverableRow.feedback_at),
                DeliverableRow.feedback_message_id,
                DeliverableRow.source_message_id,
            )
            .where(
                DeliverableRow.feedback_at.is_(None),
                DeliverableRow.sent_at <= now,
                or_(DeliverableRow.feedback_by.is_(None), DeliverableRow.feedback_by <= now),
                DeliverableRow.client_id.in_(in_scope),
            )
            .order_by(DeliverableRow.id),
        )
    )
    meetings = tuple(
        Meeting(r[1], _utc(r[2]), r[3], r[4], r[5], _utc(r[6]), r[7], r[0])  # type: ignore[arg-type]
        for r in _rows(
            conn,
            select(
                MeetingRow.id,
                MeetingRow.client_id,
                _raw(MeetingRow.start),
                MeetingRow.timezone,
                MeetingRow.duration_minutes,
                MeetingRow.title,
                _raw(MeetingRow.actual_start),
                MeetingRow.notes,
            )
            .where(
                MeetingRow.start >= now,
                MeetingRow.start <= now + timedelta(hours=settings.meeting_window_hours),
                MeetingRow.client_id.in_(in_scope),
            )
            .order_by(MeetingRow.start, MeetingRow.id),
        )
    )
    marks = {
        r[0]: AgendaMark(r[0], r[1], _utc(r[2]), r[3], _utc(r[4]))  # type: ignore[arg-type]
        for r in _rows(
            conn,
            select(
                AgendaMarkRow.key,
                AgendaMarkRow.action,
                _raw(AgendaMarkRow.at),
                AgendaMarkRow.reason,
                _raw(AgendaMarkRow.until),
            ),
        )
    }
    return AgendaState(
        profile=profile,
        clients=clients,
        activity=activity,
        projects=tuple(projects),
        commitments=commitments,
        deliverables=deliverables,
        meetings=meetings,
        notes=_notes(conn, sorted({mt.client_id for mt in meetings})),
        marks=marks,
    )


def _read_summarised(
    conn: Connection,
    recent: _Recent,
    summaries: dict[int, Times],
    active: dict[int, list[Project]],
    by_project: dict[int, dict[int | None, datetime]],
    window_start: datetime,
    now: datetime,
) -> None:
    """The messages the rules read, for clients read through their summary
    (ClientActivity.recent):
    a. incoming messages after our last message, if one of them needs a reply;
    b. status requests in the window, if one is newer than an active project's last
       update (agenda.rules.update.last_update);
    c. everything in the window from our last answer on, for clients with (a) or (b),
       or with a question there (open_questions walks back to our last answer)."""
    stretch: list[int] = []  # (c)
    old_waiting: list[int] = []  # (a) before the window (c does not reach)
    status: list[int] = []  # (b)
    for cid, times in summaries.items():
        last_out, need, asked_status = times[_OUT], times[_NEED], times[_STATUS]
        waiting = need is not None and (last_out is None or need > last_out)
        status_due = False
        if cid in active and asked_status is not None and asked_status >= window_start:
            updates = ClientActivity(cid, last_out_by_project=by_project.get(cid, {}))
            sole = len(active[cid]) == 1
            status_due = any(asked_status > last_update(p, updates, sole) for p in active[cid])
        answer, ask = times[_ANSWER], times[_ASK]
        cut = answer if answer is not None and answer > window_start else window_start
        if waiting or status_due or (ask is not None and ask >= cut):
            stretch.append(cid)
        if waiting and (last_out is None or last_out < window_start):
            old_waiting.append(cid)
        if status_due:
            status.append(cid)
    start, end = _at(window_start), _at(now)
    summary = ClientActivityRow
    for chunk in _chunks(stretch):
        since = case((summary.last_answer_at > start, summary.last_answer_at), else_=start)
        recent.read(
            conn,
            select(*_DIGEST_COLUMNS)
            .select_from(summary)
            .join(MessageRow, MessageRow.client_id == summary.client_id)
            .where(
                summary.client_id.in_(chunk), MessageRow.sent_at >= since, MessageRow.sent_at <= end
            ),
        )
    for chunk in _chunks(old_waiting):
        recent.read(
            conn,
            select(*_DIGEST_COLUMNS)
            .select_from(summary)
            .join(MessageRow, MessageRow.client_id == summary.client_id)
            .where(
                summary.client_id.in_(chunk),
                MessageRow.direction == "in",
                MessageRow.sent_at < start,
                or_(summary.last_out_at.is_(None), MessageRow.sent_at > summary.last_out_at),
            ),
        )
    for chunk in _chunks(status):
        recent.read(
            conn,
            select(*_DIGEST_COLUMNS).where(
                MessageRow.client_id.in_(chunk),
                MessageRow.direction == "in",
                MessageRow.sent_at >= start,
                MessageRow.sent_at <= end,
                MessageRow.status_request.is_(True),
            ),
        )


def _last(direction: str, now: datetime, *, loose: bool = False) -> Any:
    """The client's newest message at or before `now`: one index seek per client."""
    inner = aliased(MessageRow)
    where = [inner.client_id == ClientRow.id, inner.direction == direction, inner.sent_at <= now]
    if loose:
        where.append(inner.project_id.is_(None))
    return select(func.max(inner.sent_at)).where(*where).correlate(ClientRow).scalar_subquery()


Found = dict[int, tuple[datetime | None, datetime | None, dict[int | None, datetime]]]


def _read_directly(
    conn: Connection,
    recent: _Recent,
    client_ids: list[int],
    projects: list[Project],
    active: dict[int, list[Project]],
    window_start: datetime,
    now: datetime,
) -> Found:
    """Clients whose summary does not describe `now`, read as `agenda.summarise` reads
    them: the newest messages at or before `now`, and the whole question window."""
    found: Found = {}
    start, end = _at(window_start), _at(now)
    for chunk in _chunks(client_ids):
        for cid, last_in, last_out, loose in _rows(
            conn,
            select(
                ClientRow.id,
                _raw(_last("in", now)),
                _raw(_last("out", now)),
                _raw(_last("out", now, loose=True)),
            ).where(ClientRow.id.in_(chunk)),
        ):
            by_project: dict[int | None, datetime] = {}
            if len(active.get(cid, ())) == 1 and loose is not None:
                by_project[None] = _when(loose)
            found[cid] = (_utc(last_in), _utc(last_out), by_project)
    # Our last update per active project: one index seek each.
    update = aliased(MessageRow)
    newest = (
        select(func.max(update.sent_at))
        .where(
            update.client_id == ProjectRow.client_id,
            update.direction == "out",
            update.project_id == ProjectRow.id,
            update.sent_at <= end,
        )
        .correlate(ProjectRow)
        .scalar_subquery()
    )
    mine = sorted(
        p.id for p in projects if p.id is not None and p.status == "active" and p.client_id in found
    )
    for chunk in _chunks(mine):
        for pid, cid, at in _rows(
            conn,
            select(ProjectRow.id, ProjectRow.client_id, _raw(newest)).where(
                ProjectRow.id.in_(chunk)
            ),
        ):
            if at is not None:
                found[cid][2][pid] = _when(at)
    # The whole question window, and older incoming messages still awaiting our reply.
    for chunk in _chunks(client_ids):
        recent.read(
            conn,
            select(*_DIGEST_COLUMNS).where(
                MessageRow.client_id.in_(chunk),
                MessageRow.sent_at >= start,
                MessageRow.sent_at <= end,
            ),
        )
    waiting = [
        cid
        for cid, (last_in, last_out, _) in found.items()
        if last_in is not None and (last_out is None or last_in > last_out)
    ]
    never = [cid for cid in waiting if found[cid][1] is None]
    replied = [cid for cid in waiting if found[cid][1] is not None]
    for chunk in _chunks(never):
        recent.read(
            conn,
            select(*_DIGEST_COLUMNS).where(
                MessageRow.client_id.in_(chunk),
                MessageRow.direction == "in",
                MessageRow.sent_at < start,
            ),
        )
    for chunk in _chunks(replied):
        ours = aliased(MessageRow)
        last = (
            select(ours.client_id.label("cid"), func.max(ours.sent_at).label("lo"))
            .where(ours.client_id.in_(chunk), ours.direction == "out", ours.sent_at <= end)
            .group_by(ours.client_id)
            .subquery()
        )
        recent.read(
            conn,
            select(*_DIGEST_COLUMNS)
            .join(last, last.c.cid == MessageRow.client_id)
            .where(
                MessageRow.client_id.in_(chunk),
                MessageRow.direction == "in",
                MessageRow.sent_at > last.c.lo,
                MessageRow.sent_at < start,
            ),
        )
    return found


def _notes(conn: Connection, client_ids: list[int]) -> dict[int, tuple[Note, ...]]:
    found: dict[int, list[Note]] = {}
    for chunk in _chunks(client_ids):
        for r in _rows(
            conn,
            select(NoteRow.id, NoteRow.client_id, NoteRow.text, _raw(NoteRow.at), NoteRow.kind)
            .where(NoteRow.client_id.in_(chunk), NoteRow.kind == "personal")
            .order_by(NoteRow.client_id, NoteRow.at.desc(), NoteRow.id.desc()),
        ):
            notes = found.setdefault(r[1], [])
            if len(notes) < NOTES_PER_CLIENT:
                notes.append(Note(r[1], r[2], _utc(r[3]), r[4], r[0]))  # type: ignore[arg-type]
    return {cid: tuple(ns) for cid, ns in found.items()}

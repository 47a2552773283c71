"""The activity summary: per client, the newest message of each kind the agenda asks about.

`client_activity` holds one row per client with messages (the newest incoming and
outgoing message, our newest one on no project, our last answer, the client's last
message that needs a reply, last question and last status request);
`project_activity` our newest message per client and project. The agenda snapshot (store/snapshot.py) reads these rows instead
of scanning messages, and then reads only the few messages its rules look at.

The repository keeps them current: `fold` merges new messages in (each column moves
only forward, in SQL, so two writers cannot undo each other), `rebuild` recomputes
clients from their messages (after messages moved away from a client, in migration
0003, and for books bulk-loaded without the repository, such as the benchmark's).
Whether a message asks something or is an answer is agenda.reading's judgement on
the text the agenda reads (the first TEXT_LIMIT characters); rows carry the
READING_VERSION they were judged with, and the snapshot does not trust rows of
another version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Insert,
    Table,
    bindparam,
    case,
    cast,
    delete,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy import String as SqlString
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from warmline.agenda.reading import READING_VERSION, is_holding, needs_reply_to, questions_asked
from warmline.agenda.state import TEXT_LIMIT
from warmline.core.message import Message
from warmline.store.table import (
    ClientActivityRow,
    ClientRow,
    MessageRow,
    ProjectActivityRow,
    UTCDateTime,
)

_CLIENTS: Table = ClientActivityRow.__table__  # type: ignore[assignment]
_PROJECTS: Table = ProjectActivityRow.__table__  # type: ignore[assignment]
_CHUNK = 500  # IDs per IN list
_WRITE_BATCH = 2000  # summaries per executemany during a rebuild
JUDGED = 8  # rounds of newest-first candidates judged per client before reading the rest
# Characters without which agenda.reading finds no question in a text.
QUESTION_MARKS = ("?", "？", "吗", "么", "呢")
TIMES = (
    "last_in_at",
    "last_need_at",
    "last_out_at",
    "last_loose_out_at",
    "last_answer_at",
    "last_ask_at",
    "last_status_at",
)


def _later(known: datetime | None, new: datetime) -> bool:
    return known is None or new > known


def _questions(value: Any) -> tuple[str, ...]:
    """Stored questions: a JSON list, as text (read raw) or already decoded."""
    if not value or value == "[]":
        return ()
    found = json.loads(value) if isinstance(value, str) else value
    return tuple(str(q) for q in found)


def may_ask(row: Any = MessageRow) -> ColumnElement[bool]:
    """Messages that may ask something: a superset, in SQL, of those agenda.reading.asked
    finds a question in (coach questions, or a ?, ？, 吗, 么 or 呢 in the text)."""
    return or_(
        cast(row.questions, SqlString) != "[]",
        *(row.text.contains(mark, autoescape=True) for mark in QUESTION_MARKS),
    )


Judge = Callable[[tuple[str, ...], str, bool, str | None], bool]


@dataclass(frozen=True, slots=True)
class Judged:
    """A summary time that agenda.reading decides: which messages count for it."""

    field: str
    direction: str
    judge: Judge  # (questions, text cut to TEXT_LIMIT, status request, emotion)
    candidates: Callable[[Any], ColumnElement[bool]] | None = None  # a superset, in SQL


JUDGED_TIMES = (
    Judged("last_need_at", "in", needs_reply_to),
    Judged("last_ask_at", "in", lambda q, text, _s, _e: bool(questions_asked(q, text)), may_ask),
    Judged("last_answer_at", "out", lambda _q, text, _s, _e: not is_holding(text)),
)


@dataclass(slots=True)
class Summary:
    """One client's summary, built by adding messages in any order."""

    last_in_at: datetime | None = None
    last_need_at: datetime | None = None
    last_out_at: datetime | None = None
    last_loose_out_at: datetime | None = None
    last_answer_at: datetime | None = None
    last_ask_at: datetime | None = None
    last_status_at: datetime | None = None
    projects: dict[int, datetime] = field(default_factory=dict)

    def add(
        self,
        direction: str,
        project_id: int | None,
        sent_at: datetime,
        text: str,
        questions: Any,
        status_request: bool,
        emotion: str | None,
    ) -> None:
        """Count one message. `questions` may be raw JSON; it is read only when needed.

        A text is judged only when the message is newer than the one already kept,
        so adding newest first judges few texts.
        """
        if direction == "in":
            if _later(self.last_in_at, sent_at):
                self.last_in_at = sent_at
            if status_request and _later(self.last_status_at, sent_at):
                self.last_status_at = sent_at
        elif direction == "out":
            if _later(self.last_out_at, sent_at):
                self.last_out_at = sent_at
            if project_id is None:
                if _later(self.last_loose_out_at, sent_at):
                    self.last_loose_out_at = sent_at
            elif _later(self.projects.get(project_id), sent_at):
                self.projects[project_id] = sent_at
        for kind in JUDGED_TIMES:
            if kind.direction == direction:
                self.judge(kind, sent_at, text, questions, status_request, emotion)

    def judge(
        self,
        kind: Judged,
        sent_at: datetime,
        text: str | None,
        questions: Any,
        status_request: bool,
        emotion: str | None,
    ) -> None:
        """Keep `sent_at` for `kind` if it is later and agenda.reading says it counts."""
        if _later(getattr(self, kind.field), sent_at) and kind.judge(
            _questions(questions), (text or "")[:TEXT_LIMIT], bool(status_request), emotion
        ):
            setattr(self, kind.field, sent_at)

    def known(self, kind: Judged) -> bool:
        return getattr(self, kind.field) is not None


# -- writing ----------------------------------------------------------------------------


def _insert_missing(conn: Connection, table: Table) -> Insert:
    """INSERT that skips rows whose key exists (another writer may have added it)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"activity summary: no upsert for {conn.dialect.name}")


def _forward(column: ColumnElement[Any], name: str) -> ColumnElement[Any]:
    """The later of the stored time and the bound one (NULL binds change nothing)."""
    new = bindparam(name, type_=UTCDateTime())
    return case((or_(column.is_(None), column < new), new), else_=column)


def _project_rows(summaries: dict[int, Summary]) -> list[dict[str, Any]]:
    return [
        {"client_id": cid, "project_id": pid, "last_out_at": at}
        for cid, s in summaries.items()
        for pid, at in s.projects.items()
    ]


def _write(conn: Connection, summaries: dict[int, Summary]) -> None:
    """Merge summaries into the stored rows, keeping the later time of each column."""
    if not summaries:
        return
    conn.execute(
        _insert_missing(conn, _CLIENTS),
        [{"client_id": cid, "reading": READING_VERSION} for cid in summaries],
    )
    conn.execute(
        _CLIENTS.update()
        .where(_CLIENTS.c.client_id == bindparam("cid"))
        .values({name: _forward(_CLIENTS.c[name], f"new_{name}") for name in TIMES}),
        [
            {"cid": cid, **{f"new_{name}": getattr(s, name) for name in TIMES}}
            for cid, s in summaries.items()
        ],
    )
    projects = _project_rows(summaries)
    if projects:
        conn.execute(_insert_missing(conn, _PROJECTS), projects)
        conn.execute(
            _PROJECTS.update()
            .where(
                _PROJECTS.c.client_id == bindparam("cid"),
                _PROJECTS.c.project_id == bindparam("pid"),
            )
            .values(last_out_at=_forward(_PROJECTS.c.last_out_at, "at")),
            [
                {"cid": p["client_id"], "pid": p["project_id"], "at": p["last_out_at"]}
                for p in projects
            ],
        )


def _replace(conn: Connection, summaries: dict[int, Summary]) -> None:
    """Insert freshly computed summaries (their old rows are already deleted)."""
    if not summaries:
        return
    conn.execute(
        _CLIENTS.insert(),
        [
            {"client_id": cid, "reading": READING_VERSION, **{n: getattr(s, n) for n in TIMES}}
            for cid, s in summaries.items()
        ],
    )
    projects = _project_rows(summaries)
    if projects:
        conn.execute(_PROJECTS.insert(), projects)


# -- what the repository calls -------------------------------------------------------


def fold(conn: Connection, messages: Iterable[Message]) -> None:
    """Merge newly stored messages (those with a client) into their clients' summaries."""
    summaries: dict[int, Summary] = {}
    for m in sorted(
        (m for m in messages if m.client_id is not None), key=lambda m: m.sent_at, reverse=True
    ):
        assert m.client_id is not None
        summary = summaries.get(m.client_id)
        if summary is None:
            summary = summaries[m.client_id] = Summary()
        summary.add(
            m.direction,
            m.project_id,
            m.sent_at,
            m.text,
            m.questions,
            m.status_request,
            m.emotion,
        )
    _write(conn, summaries)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _texts(row: Any = MessageRow) -> tuple[Any, ...]:
    """What agenda.reading judges: text, questions (raw JSON), status request, emotion."""
    return (
        func.substr(row.text, 1, TEXT_LIMIT),
        type_coerce(row.questions, SqlString),
        row.status_request,
        row.emotion,
    )


def fold_stored(conn: Connection, message_ids: Sequence[int]) -> None:
    """Merge stored messages, by ID, into the summaries of the clients they now have."""
    summaries: dict[int, Summary] = {}
    for chunk in _chunks(sorted(set(message_ids))):
        for cid, pid, direction, sent_at, text, questions, status, emotion in conn.execute(
            select(
                MessageRow.client_id,
                MessageRow.project_id,
                MessageRow.direction,
                MessageRow.sent_at,
                *_texts(),
            ).where(MessageRow.id.in_(chunk), MessageRow.client_id.is_not(None))
        ):
            summaries.setdefault(cid, Summary()).add(
                direction, pid, sent_at, text or "", questions, bool(status), emotion
            )
    _write(conn, summaries)


def owners(conn: Connection, message_ids: Sequence[int]) -> set[int]:
    """The clients the given messages belong to now."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(message_ids))):
        found.update(
            conn.scalars(
                select(MessageRow.client_id)
                .where(MessageRow.id.in_(chunk), MessageRow.client_id.is_not(None))
                .distinct()
            )
        )
    return found


def rebuild(conn: Connection, client_ids: Iterable[int] | None = None) -> int:
    """Recompute the summaries of the given clients (None: every client) from their
    messages; returns how many clients have messages."""
    if client_ids is None:
        conn.execute(delete(_PROJECTS))
        conn.execute(delete(_CLIENTS))
        return _recompute(conn, None)
    total = 0
    for chunk in _chunks(sorted(set(client_ids))):
        conn.execute(delete(_PROJECTS).where(_PROJECTS.c.client_id.in_(chunk)))
        conn.execute(delete(_CLIENTS).where(_CLIENTS.c.client_id.in_(chunk)))
        total += _recompute(conn, chunk)
    return total


def _recompute(conn: Connection, chunk: list[int] | None) -> int:
    """Summaries from the stored messages, inserted. The newest message each way and per
    project is one GROUP BY; the last status request, and the times agenda.reading
    decides, are index seeks back from each client's newest message."""
    scope = MessageRow.client_id.is_not(None) if chunk is None else MessageRow.client_id.in_(chunk)
    summaries: dict[int, Summary] = {}
    owner: Any
    for owner, direction, pid, at in conn.execute(
        select(
            MessageRow.client_id,
            MessageRow.direction,
            MessageRow.project_id,
            func.max(MessageRow.sent_at),
        )
        .where(scope)
        .group_by(MessageRow.client_id, MessageRow.direction, MessageRow.project_id)
    ):
        s = summaries.setdefault(owner, Summary())
        if direction == "in":
            s.last_in_at = at if _later(s.last_in_at, at) else s.last_in_at
        elif direction == "out":
            s.last_out_at = at if _later(s.last_out_at, at) else s.last_out_at
            if pid is None:
                s.last_loose_out_at = at
            else:
                s.projects[pid] = at
    for part in _chunks(sorted(summaries)):
        for cid, at in conn.execute(
            select(ClientRow.id, _last_status_request()).where(ClientRow.id.in_(part))
        ):
            summaries[cid].last_status_at = at
    for kind in JUDGED_TIMES:
        _find(conn, summaries, kind)
    done = 0
    batch: dict[int, Summary] = {}
    for cid, s in summaries.items():
        batch[cid] = s
        if len(batch) >= _WRITE_BATCH:
            _replace(conn, batch)
            done, batch = done + len(batch), {}
    _replace(conn, batch)
    return done + len(batch)


def _last_status_request() -> Any:
    """The time of the client's newest status request: an index seek back from their
    newest incoming message, correlated to ClientRow."""
    x = aliased(MessageRow)
    return (
        select(x.sent_at)
        .where(x.client_id == ClientRow.id, x.direction == "in", x.status_request.is_(True))
        .order_by(x.sent_at.desc())
        .limit(1)
        .correlate(ClientRow)
        .scalar_subquery()
    )


def _find(conn: Connection, summaries: dict[int, Summary], kind: Judged) -> None:
    """Each client's newest message that counts for `kind`: judge their candidates newest
    first, one per round for JUDGED rounds, then read the rest of theirs at once."""
    x = aliased(MessageRow)
    where = [x.client_id == ClientRow.id, x.direction == kind.direction]
    if kind.candidates is not None:
        where.append(kind.candidates(x))
    pending = sorted(summaries)
    for offset in range(JUDGED):
        if not pending:
            return
        newest = (
            select(x.id)
            .where(*where)
            .order_by(x.sent_at.desc(), x.id.desc())
            .limit(1)
            .offset(offset)
            .correlate(ClientRow)
            .scalar_subquery()
        )
        left: list[int] = []
        for part in _chunks(pending):
            for cid, sent_at, *texts in conn.execute(
                select(ClientRow.id, MessageRow.sent_at, *_texts())
                .join(MessageRow, MessageRow.id == newest)
                .where(ClientRow.id.in_(part))
            ):
                s = summaries[cid]
                s.judge(kind, sent_at, *texts)
                if not s.known(kind):
                    left.append(cid)
        pending = left
    for part in _chunks(pending):
        rest = select(MessageRow.client_id, MessageRow.sent_at, *_texts()).where(
            MessageRow.client_id.in_(part), MessageRow.direction == kind.direction
        )
        if kind.candidates is not None:
            rest = rest.where(kind.candidates(MessageRow))
        for cid, sent_at, *texts in conn.execute(
            rest.order_by(MessageRow.client_id, MessageRow.sent_at.desc())
        ):
            s = summaries[cid]
            if not s.known(kind):
                s.judge(kind, sent_at, *texts)

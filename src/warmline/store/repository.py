"""The repository: loads and saves domain types; the only place that writes SQL."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, Table, bindparam, func, select, text
from sqlalchemy.orm import Session

from warmline.core.client import Client, Profile, normalise_handle
from warmline.core.error import Ambiguous, NotFound, WarmlineError
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
from warmline.store import activity
from warmline.store import mapping as m
from warmline.store.table import (
    AgendaMarkRow,
    Base,
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

R = TypeVar("R", bound=Base)
DEFAULT_USER = "me"


class Repository:
    def __init__(self, session: Session, username: str = DEFAULT_USER) -> None:
        self.session = session
        self.username = username

    # -- generic ---------------------------------------------------------------
    def _get(self, row_type: type[R], id_: int, what: str) -> R:
        row = self.session.get(row_type, id_)
        if row is None:
            raise NotFound(f"{what}: no {what} with ID {id_}; list them to see the IDs")
        return row

    def _add(self, row: Base) -> int:
        self.session.add(row)
        self.session.flush()
        return int(row.id)  # type: ignore[attr-defined]

    # -- the user ----------------------------------------------------------------
    def _user_row(self) -> UserRow:
        row = self.session.scalar(select(UserRow).where(UserRow.username == self.username))
        if row is None:
            row = UserRow(username=self.username, identities=[], settings={})
            m.fill_user_row(row, Profile())
            self.session.add(row)
            self.session.flush()
        return row

    def profile(self) -> Profile:
        return m.profile_from_row(self._user_row())

    def save_profile(self, profile: Profile) -> Profile:
        row = self._user_row()
        m.fill_user_row(row, profile)
        return m.profile_from_row(row)

    def user_settings(self) -> dict[str, Any]:
        return dict(self._user_row().settings or {})

    def save_user_settings(self, settings: dict[str, Any]) -> None:
        self._user_row().settings = dict(settings)

    # -- clients -------------------------------------------------------------
    def _handles(self, client_ids: Iterable[int] | None = None) -> dict[int, list[HandleRow]]:
        q = select(HandleRow)
        if client_ids is not None:
            ids = list(client_ids)
            if not ids:
                return {}
            q = q.where(HandleRow.client_id.in_(ids))
        out: dict[int, list[HandleRow]] = {}
        for h in self.session.scalars(q):
            out.setdefault(h.client_id, []).append(h)
        return out

    def clients(
        self,
        *,
        include_archived: bool = False,
        status: str | None = None,
        tag: str | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[Client]:
        q = select(ClientRow).order_by(ClientRow.id)
        if not include_archived:
            q = q.where(ClientRow.archived_at.is_(None))
        if status:
            q = q.where(ClientRow.status == status)
        if ids is not None:
            q = q.where(ClientRow.id.in_(list(ids)))
        rows = list(self.session.scalars(q))
        handles = self._handles(r.id for r in rows) if ids is not None else self._handles()
        found = [m.client_from_row(r, handles.get(r.id, [])) for r in rows]
        if tag:
            found = [c for c in found if tag in c.tags]
        return found

    def client(self, id_: int) -> Client:
        row = self._get(ClientRow, id_, "client")
        return m.client_from_row(row, self._handles([id_]).get(id_, []))

    def resolve_client(self, ref: str) -> Client:
        """A client by ID or by a unique, case-insensitive prefix of the name."""
        ref = ref.strip()
        if not ref:
            raise NotFound("client: empty reference; give a client ID or the start of a name")
        if ref.isdigit():
            row = self.session.get(ClientRow, int(ref))
            if row is not None:
                return self.client(row.id)
        rows = list(self.session.scalars(select(ClientRow).order_by(ClientRow.id)))
        low = ref.casefold()
        exact = [r for r in rows if r.name.casefold() == low]
        if len(exact) == 1:
            return self.client(exact[0].id)
        matches = exact or [r for r in rows if r.name.casefold().startswith(low)]
        if not matches:
            matches = [r for r in rows if low in r.name.casefold()]
        if len(matches) == 1:
            return self.client(matches[0].id)
        if matches:
            names = ", ".join(f"{r.name} (ID {r.id})" for r in matches[:8])
            raise Ambiguous(
                f"client: {ref!r} matches {len(matches)} clients: {names}; give more of the name or the ID"
            )
        close = difflib.get_close_matches(ref, [r.name for r in rows], n=3, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise NotFound(f"client: no client matches {ref!r}; see `warmline client list`.{hint}")

    def _set_handles(self, client_id: int, client: Client) -> None:
        existing = {
            h.norm: h
            for h in self.session.scalars(select(HandleRow).where(HandleRow.client_id == client_id))
        }
        wanted: dict[str, tuple[str, str]] = {}
        for kind, handle in client.channels.items():
            wanted.setdefault(normalise_handle(kind, handle), (kind, handle))
        if wanted:
            taken = self.session.execute(
                select(HandleRow.norm, ClientRow.name)
                .join(ClientRow, ClientRow.id == HandleRow.client_id)
                .where(HandleRow.norm.in_(list(wanted)), HandleRow.client_id != client_id)
            ).first()
            if taken is not None:
                kind, handle = wanted[taken[0]]
                raise WarmlineError(
                    f"{kind}: {handle!r} already belongs to client {taken[1]}; remove it there first"
                )
        for norm, row in existing.items():
            if norm not in wanted:
                self.session.delete(row)
        for norm, (kind, handle) in wanted.items():
            if norm in existing:
                existing[norm].kind, existing[norm].handle = kind, handle
            else:
                self.session.add(
                    HandleRow(client_id=client_id, kind=kind, handle=handle, norm=norm)
                )
        self.session.flush()

    def add_client(self, client: Client, *, id_: int | None = None) -> Client:
        row = ClientRow(id=id_ or client.id)
        m.fill_client_row(row, client)
        if client.created_at is None:
            raise ValueError("client.created_at must be set")
        cid = self._add(row)
        self._set_handles(cid, client)
        return self.client(cid)

    def update_client(self, client: Client) -> Client:
        if client.id is None:
            raise ValueError("update_client needs a client with an ID")
        row = self._get(ClientRow, client.id, "client")
        m.fill_client_row(row, client)
        self._set_handles(client.id, client)
        return self.client(client.id)

    def handle_index(self) -> dict[str, int]:
        """Normalised handle -> client ID, for matching imported senders."""
        return {
            norm: cid
            for norm, cid in self.session.execute(select(HandleRow.norm, HandleRow.client_id))
        }

    def client_by_handle(self, kind: str, handle: str) -> int | None:
        norm = normalise_handle(kind, handle)
        return self.session.scalar(select(HandleRow.client_id).where(HandleRow.norm == norm))

    # -- notes -----------------------------------------------------------------
    def add_note(self, note: Note) -> Note:
        self.client(note.client_id)
        row = m.note_row(note)
        self._add(row)
        return m.note_from_row(row)

    def notes(self, client_id: int | None = None, kind: str | None = None) -> list[Note]:
        q = select(NoteRow).order_by(NoteRow.at, NoteRow.id)
        if client_id is not None:
            q = q.where(NoteRow.client_id == client_id)
        if kind:
            q = q.where(NoteRow.kind == kind)
        return [m.note_from_row(r) for r in self.session.scalars(q)]

    # -- projects --------------------------------------------------------------
    def add_project(self, project: Project) -> Project:
        self.client(project.client_id)
        row = m.project_row(project)
        self._add(row)
        return m.project_from_row(row)

    def project(self, id_: int) -> Project:
        return m.project_from_row(self._get(ProjectRow, id_, "project"))

    def projects(self, client_id: int | None = None, status: str | None = None) -> list[Project]:
        q = select(ProjectRow).order_by(ProjectRow.id)
        if client_id is not None:
            q = q.where(ProjectRow.client_id == client_id)
        if status:
            q = q.where(ProjectRow.status == status)
        return [m.project_from_row(r) for r in self.session.scalars(q)]

    def resolve_project(self, ref: str, client_id: int | None = None) -> Project:
        """A project by ID or by a unique case-insensitive prefix of its title."""
        if ref.strip().isdigit():
            return self.project(int(ref))
        low = ref.strip().casefold()
        found = [p for p in self.projects(client_id) if p.title.casefold().startswith(low)]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"{p.title} (ID {p.id})" for p in found[:8])
            raise Ambiguous(f"project: {ref!r} matches {len(found)} projects: {names}; give the ID")
        raise NotFound(f"project: no project matches {ref!r}; see `warmline project list`")

    def update_project(self, project: Project) -> Project:
        assert project.id is not None
        row = self._get(ProjectRow, project.id, "project")
        new = m.project_row(project)
        for col in ("title", "start", "due", "status", "completed_at", "cadence_days"):
            setattr(row, col, getattr(new, col))
        return m.project_from_row(row)

    # -- messages --------------------------------------------------------------
    # Every write that adds messages or changes their client keeps the activity summary
    # (store/activity.py) current, in the same transaction.
    def add_message(self, message: Message) -> Message:
        row = m.message_row(message)
        self._add(row)
        saved = m.message_from_row(row)
        activity.fold(self.session.connection(), [saved])
        return saved

    def add_messages(self, messages: Sequence[Message]) -> list[int]:
        """Insert many messages; returns their IDs in order.

        Imports of 100,000 messages depend on this being fast: when every message is new
        (no ID yet) and has an external ID (imports always do), the rows go in one
        executemany without ORM objects and the IDs are read back by external ID (unique),
        which is exact on every backend. Otherwise (a book restored with its IDs) the ORM
        path keeps the given IDs.
        """
        if not messages:
            return []
        self.session.flush()
        if all(x.external_id and x.id is None for x in messages):
            table = MessageRow.__table__
            self.session.execute(table.insert(), [m.message_values(x) for x in messages])  # type: ignore[attr-defined]
            ids: dict[str, int] = {}
            keys = [x.external_id for x in messages]
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                q = select(MessageRow.external_id, MessageRow.id).where(
                    MessageRow.external_id.in_(chunk)
                )
                ids.update((str(e), int(i)) for e, i in self.session.execute(q))
            activity.fold(self.session.connection(), messages)
            return [ids[k] for k in keys]
        rows = [m.message_row(x) for x in messages]
        self.session.add_all(rows)
        self.session.flush()
        activity.fold(self.session.connection(), messages)
        return [r.id for r in rows]

    def message(self, id_: int) -> Message:
        return m.message_from_row(self._get(MessageRow, id_, "message"))

    def messages(
        self,
        client_id: int | None = None,
        *,
        limit: int | None = None,
        direction: str | None = None,
        since: datetime | None = None,
        unassigned: bool = False,
        newest_first: bool = False,
    ) -> list[Message]:
        q = select(MessageRow)
        if unassigned:
            q = q.where(MessageRow.client_id.is_(None))
        elif client_id is not None:
            q = q.where(MessageRow.client_id == client_id)
        if direction:
            q = q.where(MessageRow.direction == direction)
        if since is not None:
            q = q.where(MessageRow.sent_at >= since)
        order = (
            (MessageRow.sent_at.desc(), MessageRow.id.desc())
            if newest_first
            else (MessageRow.sent_at, MessageRow.id)
        )
        q = q.order_by(*order)
        if limit:
            q = q.limit(limit)
        return [m.message_from_row(r) for r in self.session.scalars(q)]

    def message_count(self, client_id: int | None = None) -> int:
        q = select(func.count()).select_from(MessageRow)
        if client_id is not None:
            q = q.where(MessageRow.client_id == client_id)
        return int(self.session.scalar(q) or 0)

    def last_contacts(self) -> dict[int, tuple[datetime | None, datetime | None]]:
        """Per client ID: (newest incoming, newest outgoing) message time, in one query."""
        q = (
            select(MessageRow.client_id, MessageRow.direction, func.max(MessageRow.sent_at))
            .where(MessageRow.client_id.is_not(None))
            .group_by(MessageRow.client_id, MessageRow.direction)
        )
        out: dict[int, tuple[datetime | None, datetime | None]] = {}
        for cid, direction, newest in self.session.execute(q):
            if cid is None:
                continue
            last_in, last_out = out.get(cid, (None, None))
            if direction == "in":
                last_in = newest
            else:
                last_out = newest
            out[cid] = (last_in, last_out)
        return out

    def existing_external_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = [i for i in ids if i]
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(
                x
                for x in self.session.scalars(
                    select(MessageRow.external_id).where(MessageRow.external_id.in_(chunk))
                )
                if x
            )
        return found

    def unassigned_messages(self, handle: str) -> list[Message]:
        """The unassigned messages from `handle`, oldest first."""
        q = (
            select(MessageRow)
            .where(MessageRow.client_id.is_(None), MessageRow.handle == handle)
            .order_by(MessageRow.sent_at, MessageRow.id)
        )
        return [m.message_from_row(r) for r in self.session.scalars(q)]

    def messages_by_id(self, ids: Sequence[int]) -> list[Message]:
        """The given messages, in the order of `ids` (unknown IDs are left out)."""
        found: dict[int, Message] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            for r in self.session.scalars(select(MessageRow).where(MessageRow.id.in_(chunk))):
                found[r.id] = m.message_from_row(r)
        return [found[i] for i in ids if i in found]

    def set_readings(self, readings: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Store the coach's reading (emotion, emotion_score, questions, status_request)
        of stored messages, given as (message ID, values)."""
        if not readings:
            return
        self.session.flush()
        table = MessageRow.__table__
        for mid, values in readings:
            self.session.execute(
                table.update().where(table.c.id == mid).values(**values)  # type: ignore[attr-defined]
            )

    def assign_handle(self, handle: str, client_id: int) -> int:
        """Attach every unassigned message from `handle` to the client; returns the count."""
        rows = list(
            self.session.scalars(
                select(MessageRow).where(
                    MessageRow.client_id.is_(None), MessageRow.handle == handle
                )
            )
        )
        for r in rows:
            r.client_id = client_id
        self.session.flush()
        activity.fold_stored(self.session.connection(), [r.id for r in rows])
        return len(rows)

    def attach_messages(
        self, ids: Sequence[int], *, client_id: int | None = None, handle: str | None = None
    ) -> None:
        """Set the client and/or the handle of the given messages (import's late attribution)."""
        values: dict[str, Any] = {}
        if client_id is not None:
            values["client_id"] = client_id
        if handle is not None:
            values["handle"] = handle
        if not values or not ids:
            return
        self.session.flush()
        conn = self.session.connection()
        before = activity.owners(conn, ids) if client_id is not None else set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            self.session.execute(
                MessageRow.__table__.update().where(MessageRow.id.in_(chunk)).values(**values)  # type: ignore[attr-defined]
            )
        self.session.flush()
        if client_id is not None:
            activity.fold_stored(conn, ids)
            # Clients that lost messages: their newest ones may be gone, so recount.
            activity.rebuild(conn, before - {client_id})

    def unassigned_handles(self) -> list[tuple[str, int, str]]:
        """(handle, message count, a sample text) for messages with no client yet."""
        q = (
            select(MessageRow.handle, func.count(), func.min(MessageRow.text))
            .where(MessageRow.client_id.is_(None))
            .group_by(MessageRow.handle)
            .order_by(func.count().desc(), MessageRow.handle)
        )
        return [(h, int(n), s or "") for h, n, s in self.session.execute(q)]

    # -- commitments -----------------------------------------------------------
    def add_commitment(self, c: Commitment) -> Commitment:
        self.client(c.client_id)
        row = m.commitment_row(c)
        self._add(row)
        return m.commitment_from_row(row)

    def add_commitments(self, commitments: Sequence[Commitment]) -> list[int]:
        """Insert new commitments of known clients in one statement; their IDs, in order."""
        if not commitments:
            return []
        self.session.flush()
        table: Table = CommitmentRow.__table__  # type: ignore[assignment]
        q = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        result = self.session.execute(q, [m.commitment_values(c) for c in commitments])
        return [int(i) for i in result.scalars()]

    def close_commitments(self, closed: Sequence[tuple[int, str, datetime]]) -> None:
        """Set (status, closed_at) of commitments by ID, in one statement."""
        if not closed:
            return
        self.session.flush()
        table: Table = CommitmentRow.__table__  # type: ignore[assignment]
        self.session.execute(
            table.update()
            .where(table.c.id == bindparam("cid"))
            .values(status=bindparam("new_status"), closed_at=bindparam("new_closed_at")),
            [{"cid": i, "new_status": s, "new_closed_at": at} for i, s, at in closed],
        )

    def commitment(self, id_: int) -> Commitment:
        return m.commitment_from_row(self._get(CommitmentRow, id_, "promise"))

    def commitments(
        self, client_id: int | None = None, status: str | None = None, by: str | None = None
    ) -> list[Commitment]:
        q = select(CommitmentRow).order_by(CommitmentRow.id)
        if client_id is not None:
            q = q.where(CommitmentRow.client_id == client_id)
        if status:
            q = q.where(CommitmentRow.status == status)
        if by:
            q = q.where(CommitmentRow.by == by)
        return [m.commitment_from_row(r) for r in self.session.scalars(q)]

    def update_commitment(self, c: Commitment) -> Commitment:
        assert c.id is not None
        row = self._get(CommitmentRow, c.id, "promise")
        row.status, row.closed_at, row.due, row.text = c.status, c.closed_at, c.due, c.text
        return m.commitment_from_row(row)

    # -- deliverables ----------------------------------------------------------
    def add_deliverable(self, d: Deliverable) -> Deliverable:
        self.client(d.client_id)
        row = m.deliverable_row(d)
        self._add(row)
        return m.deliverable_from_row(row)

    def add_deliverables(self, deliverables: Sequence[Deliverable]) -> None:
        """Insert new deliverables of known clients in one statement."""
        if deliverables:
            self.session.flush()
            self.session.execute(
                DeliverableRow.__table__.insert(),  # type: ignore[attr-defined]
                [m.deliverable_values(d) for d in deliverables],
            )

    def deliverable(self, id_: int) -> Deliverable:
        return m.deliverable_from_row(self._get(DeliverableRow, id_, "deliverable"))

    def deliverables(
        self, client_id: int | None = None, awaiting: bool = False
    ) -> list[Deliverable]:
        q = select(DeliverableRow).order_by(DeliverableRow.id)
        if client_id is not None:
            q = q.where(DeliverableRow.client_id == client_id)
        if awaiting:
            q = q.where(DeliverableRow.feedback_at.is_(None))
        return [m.deliverable_from_row(r) for r in self.session.scalars(q)]

    def update_deliverable(self, d: Deliverable) -> Deliverable:
        assert d.id is not None
        row = self._get(DeliverableRow, d.id, "deliverable")
        row.feedback_at, row.feedback_message_id, row.feedback_by = (
            d.feedback_at,
            d.feedback_message_id,
            d.feedback_by,
        )
        return m.deliverable_from_row(row)

    # -- meetings --------------------------------------------------------------
    def add_meeting(self, mt: Meeting) -> Meeting:
        self.client(mt.client_id)
        row = m.meeting_row(mt)
        self._add(row)
        return m.meeting_from_row(row)

    def meeting(self, id_: int) -> Meeting:
        return m.meeting_from_row(self._get(MeetingRow, id_, "meeting"))

    def meetings(
        self,
        client_id: int | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[Meeting]:
        q = select(MeetingRow).order_by(MeetingRow.start, MeetingRow.id)
        if client_id is not None:
            q = q.where(MeetingRow.client_id == client_id)
        if start is not None:
            q = q.where(MeetingRow.start >= start)
        if end is not None:
            q = q.where(MeetingRow.start < end)
        return [m.meeting_from_row(r) for r in self.session.scalars(q)]

    def update_meeting(self, mt: Meeting) -> Meeting:
        assert mt.id is not None
        row = self._get(MeetingRow, mt.id, "meeting")
        row.actual_start, row.notes, row.start, row.duration_minutes = (
            mt.actual_start,
            mt.notes,
            mt.start,
            mt.duration_minutes,
        )
        return m.meeting_from_row(row)

    # -- testimonials ----------------------------------------------------------
    def add_testimonial(self, t: Testimonial) -> Testimonial:
        self.client(t.client_id)
        row = m.testimonial_row(t)
        self._add(row)
        return m.testimonial_from_row(row)

    def testimonials(
        self, client_id: int | None = None, tag: str | None = None
    ) -> list[Testimonial]:
        q = select(TestimonialRow).order_by(TestimonialRow.id)
        if client_id is not None:
            q = q.where(TestimonialRow.client_id == client_id)
        found = [m.testimonial_from_row(r) for r in self.session.scalars(q)]
        return [t for t in found if tag in t.tags] if tag else found

    # -- agenda marks ----------------------------------------------------------
    def marks(self) -> list[AgendaMark]:
        return [
            m.mark_from_row(r)
            for r in self.session.scalars(select(AgendaMarkRow).order_by(AgendaMarkRow.id))
        ]

    def put_mark(self, mark: AgendaMark) -> AgendaMark:
        row = self.session.scalar(select(AgendaMarkRow).where(AgendaMarkRow.key == mark.key))
        if row is None:
            row = AgendaMarkRow(key=mark.key)
            self.session.add(row)
        row.action, row.at, row.reason, row.until = mark.action, mark.at, mark.reason, mark.until
        self.session.flush()
        return m.mark_from_row(row)

    # -- whole book ------------------------------------------------------------
    def reset_sequences(self) -> None:
        """After inserting explicit IDs, move PostgreSQL's ID sequences past them."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        for table in Base.metadata.sorted_tables:
            if "id" in table.c:
                self.session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )

    def is_empty(self) -> bool:
        for table in (ClientRow, MessageRow, ProjectRow):
            if self.session.scalar(select(func.count()).select_from(table)):
                return False
        return True


class Book:
    """A unit of work: one session and its repository; commits on success, rolls back on error."""

    def __init__(self, engine: Engine, username: str = DEFAULT_USER) -> None:
        self.engine = engine
        self.username = username

    def __enter__(self) -> Repository:
        self.session = Session(self.engine, expire_on_commit=False)
        self.repo = Repository(self.session, self.username)
        return self.repo

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self.session.commit()
            else:
                self.session.rollback()
        finally:
            self.session.close()

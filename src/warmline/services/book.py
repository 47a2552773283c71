"""Use cases for the book: clients, me, notes, projects, messages, promises, deliveries,
meetings and testimonials."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from warmline.core.client import CHANNEL_KINDS, CLIENT_STATUSES, Channels, Client, Profile
from warmline.core.clock import check_zone, local
from warmline.core.error import WarmlineError
from warmline.core.ledger import (
    Commitment,
    Deliverable,
    Meeting,
    Note,
    Project,
    Testimonial,
)
from warmline.core.message import Message
from warmline.core.text import LANGS, Lang
from warmline.services.base import ServiceBase

if TYPE_CHECKING:
    from warmline.ingest.ahead import Beside
    from warmline.services.intake import Intake

NO_CHANGE: Any = object()


def _lang(value: str, field: str = "language") -> Lang:
    v = value.strip().lower()
    if v not in LANGS:
        raise WarmlineError(f"{field}: {value!r} is not a language warmline writes; use zh or en")
    return v


def _status(value: str) -> str:
    if value not in CLIENT_STATUSES:
        raise WarmlineError(
            f"status: {value!r} is unknown; use one of {', '.join(CLIENT_STATUSES)}"
        )
    return value


def _clock_time(value: str, field: str) -> time:
    try:
        hh, mm = value.strip().split(":")
        return time(int(hh), int(mm))
    except ValueError as exc:
        raise WarmlineError(
            f"{field}: {value!r} is not a clock time; use HH:MM such as 09:00"
        ) from exc


def _days(value: str | Sequence[int]) -> tuple[int, ...]:
    if not isinstance(value, str):
        return tuple(sorted(set(int(d) for d in value)))
    names = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
    out: set[int] = set()
    for part in value.replace(" ", "").lower().split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            lo, hi = names.get(a[:3]), names.get(b[:3])
            if lo is None or hi is None:
                raise WarmlineError(
                    f"work days: cannot read {value!r}; use e.g. mon-fri or mon,tue,thu"
                )
            out.update(range(lo, hi + 1))
        elif part[:3] in names:
            out.add(names[part[:3]])
        elif part.isdigit() and int(part) < 7:
            out.add(int(part))
        else:
            raise WarmlineError(
                f"work days: cannot read {value!r}; use e.g. mon-fri or mon,tue,thu"
            )
    if not out:
        raise WarmlineError("work days: none given; use e.g. mon-fri")
    return tuple(sorted(out))


def channels_from(
    options: Mapping[str, Sequence[str] | None], base: Channels | None = None
) -> Channels:
    """Channels from CLI/web options {'email': [...], ...}; None keeps the base's value."""
    values: dict[str, tuple[str, ...]] = {}
    for kind in CHANNEL_KINDS:
        given = options.get(kind)
        if given is None:
            values[kind] = getattr(base, kind) if base else ()
        else:
            values[kind] = tuple(h.strip() for h in given if h.strip())
    for h in values["email"]:
        if "@" not in h:
            raise WarmlineError(f"email: {h!r} is not an email address")
    return Channels(**values)


@dataclass(frozen=True, slots=True)
class ClientView:
    """A client with what `client show` tells about them."""

    client: Client
    local_time: datetime
    notes: list[Note]
    projects: list[Project]
    open_promises: list[Commitment]
    awaiting_feedback: list[Deliverable]
    upcoming_meetings: list[Meeting]
    last_in: datetime | None
    last_out: datetime | None
    message_count: int
    # The newest messages, oldest first, when asked for (show_client(timeline=N)).
    timeline: tuple[Message, ...] = ()


class BookService(ServiceBase):
    # -- me ------------------------------------------------------------------
    def profile(self) -> Profile:
        with self.book() as repo:
            return repo.profile()

    def set_profile(
        self,
        *,
        name: str | None = None,
        timezone: str | None = None,
        country: str | None = None,
        work_start: str | None = None,
        work_end: str | None = None,
        work_days: str | Sequence[int] | None = None,
        ui_language: str | None = None,
        reply_target_hours: float | None = None,
        identities: Mapping[str, Sequence[str] | None] | None = None,
    ) -> Profile:
        with self.book() as repo:
            p = repo.profile()
            changes: dict[str, Any] = {}
            if name is not None:
                changes["name"] = name.strip() or p.name
            if timezone is not None:
                changes["timezone"] = check_zone(timezone)
            if country is not None:
                changes["country"] = country.strip().upper()[:2]
            if work_start is not None:
                changes["work_start"] = _clock_time(work_start, "work start")
            if work_end is not None:
                changes["work_end"] = _clock_time(work_end, "work end")
            if work_days is not None:
                changes["work_days"] = _days(work_days)
            if ui_language is not None:
                changes["ui_language"] = _lang(ui_language, "UI language")
            if reply_target_hours is not None:
                if reply_target_hours <= 0:
                    raise WarmlineError("reply target: give a number of working hours above 0")
                changes["reply_target_hours"] = float(reply_target_hours)
            if identities is not None:
                changes["identities"] = channels_from(identities, p.identities)
            new = dataclasses.replace(p, **changes)
            if new.work_end <= new.work_start:
                raise WarmlineError(
                    "work hours: the end must be after the start (e.g. 09:00 to 18:00)"
                )
            return repo.save_profile(new)

    # -- clients -------------------------------------------------------------
    def add_client(
        self,
        name: str,
        *,
        timezone: str = "UTC",
        language: str = "en",
        company: str = "",
        city: str = "",
        country: str = "",
        channels: Channels | None = None,
        tags: Sequence[str] = (),
        status: str = "active",
        owner: str = "",
    ) -> Client:
        if not name.strip():
            raise WarmlineError("name: a client needs a name")
        client = Client(
            name=name.strip(),
            timezone=check_zone(timezone),
            language=_lang(language),
            company=company.strip(),
            city=city.strip(),
            country=country.strip().upper()[:2],
            channels=channels or Channels(),
            tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
            status=_status(status),  # type: ignore[arg-type]
            owner=owner,
            created_at=self.now(),
        )
        with self.book() as repo:
            return repo.add_client(client)

    def clients(
        self, *, status: str | None = None, tag: str | None = None, include_archived: bool = False
    ) -> list[Client]:
        if status:
            _status(status)
        with self.book() as repo:
            return repo.clients(status=status, tag=tag, include_archived=include_archived)

    def client(self, ref: str | int) -> Client:
        with self.book() as repo:
            return repo.resolve_client(str(ref))

    def show_client(self, ref: str | int, *, timeline: int = 0) -> ClientView:
        """A client with their notes, projects, open promises, deliveries awaiting
        feedback, upcoming meetings and contact times; with `timeline`, also their newest
        `timeline` messages (all read in one unit of work)."""
        now = self.now()
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            msgs_in = repo.messages(c.id, direction="in", limit=1, newest_first=True)
            msgs_out = repo.messages(c.id, direction="out", limit=1, newest_first=True)
            count = repo.message_count(c.id)
            newest = (
                repo.messages(c.id, limit=timeline, newest_first=True)
                if timeline > 0 and count
                else []
            )
            return ClientView(
                client=c,
                local_time=local(now, c.timezone),
                notes=repo.notes(c.id),
                projects=repo.projects(c.id),
                open_promises=repo.commitments(c.id, status="open"),
                awaiting_feedback=repo.deliverables(c.id, awaiting=True),
                upcoming_meetings=repo.meetings(c.id, start=now),
                last_in=msgs_in[0].sent_at if msgs_in else None,
                last_out=msgs_out[0].sent_at if msgs_out else None,
                message_count=count,
                timeline=tuple(reversed(newest)),
            )

    def edit_client(
        self,
        ref: str | int,
        *,
        name: str | None = None,
        timezone: str | None = None,
        language: str | None = None,
        company: str | None = None,
        city: str | None = None,
        country: str | None = None,
        status: str | None = None,
        tags: Sequence[str] | None = None,
        channels: Mapping[str, Sequence[str] | None] | None = None,
    ) -> Client:
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            changes: dict[str, Any] = {}
            if name is not None:
                if not name.strip():
                    raise WarmlineError("name: a client needs a name")
                changes["name"] = name.strip()
            if timezone is not None:
                changes["timezone"] = check_zone(timezone)
            if language is not None:
                changes["language"] = _lang(language)
            if company is not None:
                changes["company"] = company.strip()
            if city is not None:
                changes["city"] = city.strip()
            if country is not None:
                changes["country"] = country.strip().upper()[:2]
            if status is not None:
                changes["status"] = _status(status)
            if tags is not None:
                changes["tags"] = tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))
            if channels is not None:
                changes["channels"] = channels_from(channels, c.channels)
            return repo.update_client(dataclasses.replace(c, **changes))

    def archive_client(self, ref: str | int, *, restore: bool = False) -> Client:
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            return repo.update_client(
                dataclasses.replace(c, archived_at=None if restore else self.now())
            )

    # -- notes ---------------------------------------------------------------
    def add_note(
        self, ref: str | int, text: str, *, kind: str = "personal", at: str | None = None
    ) -> Note:
        if not text.strip():
            raise WarmlineError("note: the note is empty; write what you learned about the client")
        if kind not in ("personal", "business"):
            raise WarmlineError(f"kind: {kind!r} is unknown; use personal or business")
        when = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            return repo.add_note(Note(client_id=c.id, text=text.strip(), at=when, kind=kind))  # type: ignore[arg-type]

    def notes(self, ref: str | int) -> list[Note]:
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            return repo.notes(c.id)

    # -- projects ------------------------------------------------------------
    def add_project(
        self,
        ref: str | int,
        title: str,
        *,
        start: str | None = None,
        due: str | None = None,
        cadence_days: float | None = None,
    ) -> Project:
        if not title.strip():
            raise WarmlineError("title: a project needs a title")
        if cadence_days is not None and cadence_days <= 0:
            raise WarmlineError("cadence: give the number of days between updates, above 0")
        begin = self.when(start, field="--start", date_only_time=time(9, 0)) or self.now()
        end = self.when(due, field="--due")
        if end is not None and end < begin:
            raise WarmlineError("--due: the due date is before the start; check the dates")
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            return repo.add_project(
                Project(
                    client_id=c.id,
                    title=title.strip(),
                    start=begin,
                    due=end,
                    cadence_days=cadence_days,
                )
            )

    def projects(self, ref: str | int | None = None, *, status: str | None = None) -> list[Project]:
        with self.book() as repo:
            cid = repo.resolve_client(str(ref)).id if ref is not None else None
            return repo.projects(cid, status=status)

    def edit_project(
        self,
        ref: str,
        *,
        due: str | None = None,
        cadence_days: float | None = None,
        status: str | None = None,
    ) -> Project:
        with self.book() as repo:
            p = repo.resolve_project(ref)
            changes: dict[str, Any] = {}
            if due is not None:
                changes["due"] = self.when(due, field="--due")
            if cadence_days is not None:
                changes["cadence_days"] = cadence_days
            if status is not None:
                if status not in ("active", "paused", "done", "cancelled"):
                    raise WarmlineError(
                        f"status: {status!r} is unknown; use active, paused, done or cancelled"
                    )
                changes["status"] = status
            return repo.update_project(dataclasses.replace(p, **changes))

    def finish_project(self, ref: str, *, at: str | None = None) -> Project:
        when = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            p = repo.resolve_project(ref)
            return repo.update_project(dataclasses.replace(p, status="done", completed_at=when))

    # -- messages ------------------------------------------------------------
    def log_message(
        self,
        ref: str | int,
        direction: str,
        text: str,
        *,
        at: str | datetime | None = None,
        channel: str = "",
        project: str | None = None,
        attachments: Sequence[str] = (),
    ) -> Message:
        if direction not in ("in", "out"):
            raise WarmlineError(f"direction: {direction!r} is unknown; use in or out")
        if not text.strip() and not attachments:
            raise WarmlineError(
                "text: the message is empty; give its text or - to read it from standard input"
            )
        when = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            pid = repo.resolve_project(project, c.id).id if project else None
            msg = Message(
                client_id=c.id,
                project_id=pid,
                direction=direction,  # type: ignore[arg-type]
                sent_at=when,
                text=text.strip(),
                channel=channel,
                author=c.name if direction == "in" else repo.profile().name,
                attachments=tuple(attachments),
                source="manual",
            )
            msg = self.enrich_message(msg, c, repo.profile())
            saved = repo.add_message(msg)
            self.after_message(repo, saved, c)
            return saved

    def enrich_message(self, msg: Message, client: Client, profile: Profile) -> Message:
        """Fill what reading the message finds (emotion, questions...). The coach extends this."""
        return msg

    def after_message(self, repo: Any, msg: Message, client: Client) -> None:
        """Record what a stored message implies (promises, deliveries). The coach extends this."""

    def intake(self, repo: Any, profile: Profile) -> Intake | None:
        """What reads imported messages, batch by batch, in the import's unit of work
        (None: nothing reads them). The coach extends this."""
        return None

    def early_reader(self) -> Beside | None:
        """What reads each message of a large import in its parsing process, beside the
        parser (its result reaches `intake` as the message's `early`); None: nothing."""
        return None

    def messages(self, ref: str | int, *, limit: int | None = None) -> list[Message]:
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            return repo.messages(c.id, limit=limit, newest_first=bool(limit))

    # -- promises (T2) -------------------------------------------------------
    def add_promise(
        self,
        ref: str | int,
        text: str,
        *,
        due: str | None = None,
        by: str = "us",
        project: str | None = None,
    ) -> Commitment:
        if by not in ("us", "client"):
            raise WarmlineError(f"--by: {by!r} is unknown; use us or client")
        if not text.strip():
            raise WarmlineError("text: say what was promised")
        when = self.when(due, field="--due")
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            pid = repo.resolve_project(project, c.id).id if project else None
            return repo.add_commitment(
                Commitment(
                    client_id=c.id,
                    by=by,  # type: ignore[arg-type]
                    text=text.strip(),
                    due=when,
                    created_at=self.now(),
                    project_id=pid,
                )
            )

    def promises(
        self, ref: str | int | None = None, *, status: str | None = None, by: str | None = None
    ) -> list[Commitment]:
        with self.book() as repo:
            cid = repo.resolve_client(str(ref)).id if ref is not None else None
            return repo.commitments(cid, status=status, by=by)

    def close_promise(
        self, promise_id: int, *, cancel: bool = False, at: str | None = None
    ) -> Commitment:
        """Mark a promise kept (on time or late, by its due time) or cancelled."""
        when = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            c = repo.commitment(promise_id)
            if c.status != "open":
                raise WarmlineError(
                    f"promise {promise_id}: already {c.status.replace('_', ' ')}; nothing to change"
                )
            if cancel:
                status = "cancelled"
            else:
                status = "kept_late" if c.due is not None and when > c.due else "kept"
            return repo.update_commitment(dataclasses.replace(c, status=status, closed_at=when))  # type: ignore[arg-type]

    # -- deliveries (S4) -----------------------------------------------------
    def deliver(
        self,
        ref: str | int,
        what: str,
        *,
        feedback_by: str | None,
        at: str | None = None,
        project: str | None = None,
    ) -> Deliverable:
        if not what.strip():
            raise WarmlineError("what: say what you delivered")
        sent = self.when(at, field="--at") or self.now()
        fb = self.when(feedback_by, field="--feedback-by")
        if fb is not None and fb < sent:
            raise WarmlineError(
                "--feedback-by: the feedback date is before the delivery; check the dates"
            )
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            pid = repo.resolve_project(project, c.id).id if project else None
            return repo.add_deliverable(
                Deliverable(
                    client_id=c.id, what=what.strip(), sent_at=sent, feedback_by=fb, project_id=pid
                )
            )

    def deliverables(
        self, ref: str | int | None = None, *, awaiting: bool = False
    ) -> list[Deliverable]:
        with self.book() as repo:
            cid = repo.resolve_client(str(ref)).id if ref is not None else None
            return repo.deliverables(cid, awaiting=awaiting)

    def record_feedback(self, deliverable_id: int, *, at: str | None = None) -> Deliverable:
        when = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            d = repo.deliverable(deliverable_id)
            if d.feedback_at is not None:
                raise WarmlineError(f"deliverable {deliverable_id}: feedback already recorded")
            return repo.update_deliverable(dataclasses.replace(d, feedback_at=when))

    # -- meetings (T3, R1) ---------------------------------------------------
    def add_meeting(
        self,
        ref: str | int,
        start: str,
        *,
        duration_minutes: int = 30,
        title: str = "",
        in_client_zone: bool = False,
    ) -> Meeting:
        if duration_minutes <= 0:
            raise WarmlineError("--minutes: a meeting lasts at least one minute")
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            zone_name = c.timezone if in_client_zone else repo.profile().timezone
        begin = self.when(start, field="start", zone_name=zone_name)
        assert begin is not None
        with self.book() as repo:
            return repo.add_meeting(
                Meeting(
                    client_id=c.id,
                    start=begin,
                    timezone=c.timezone,
                    duration_minutes=duration_minutes,
                    title=title,
                )
            )

    def meetings(self, ref: str | int | None = None, *, upcoming: bool = False) -> list[Meeting]:
        with self.book() as repo:
            cid = repo.resolve_client(str(ref)).id if ref is not None else None
            return repo.meetings(cid, start=self.now() if upcoming else None)

    def meeting_started(self, meeting_id: int, *, at: str | None = None) -> Meeting:
        when = self.when(at, field="--at") or self.now()
        with self.book() as repo:
            mt = repo.meeting(meeting_id)
            return repo.update_meeting(dataclasses.replace(mt, actual_start=when))

    # -- testimonials (T6) ---------------------------------------------------
    def add_testimonial(
        self,
        ref: str | int,
        text: str,
        *,
        permission: bool = False,
        tags: Sequence[str] = (),
        product: str = "",
    ) -> Testimonial:
        if not text.strip():
            raise WarmlineError("text: the testimonial is empty")
        with self.book() as repo:
            c = repo.resolve_client(str(ref))
            assert c.id is not None
            return repo.add_testimonial(
                Testimonial(
                    client_id=c.id,
                    text=text.strip(),
                    created_at=self.now(),
                    permission=permission,
                    tags=tuple(t.strip() for t in tags if t.strip()),
                    product=product.strip(),
                )
            )

    def testimonials(
        self, ref: str | int | None = None, *, tag: str | None = None
    ) -> list[Testimonial]:
        with self.book() as repo:
            cid = repo.resolve_client(str(ref)).id if ref is not None else None
            return repo.testimonials(cid, tag=tag)

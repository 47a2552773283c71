"""Importing exports into the book: identity matching, dedupe, one transaction per file.

The parsers (warmline.ingest) yield ImportedMessage records; this use case
decides for each one who wrote it ("me" through the profile's identities,
a client through their channels or name, or nobody yet), drops duplicates by
external ID, stores the rest in one transaction per file, and lets the
coach read what was stored (the `intake` hook: services/intake.py).
Unknown senders are stored unassigned, with their handle, and reported with
counts and sample lines; `map_handle` attaches them later.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warmline.core.client import CHANNEL_KINDS, Channels, Client, Profile, normalise_handle
from warmline.core.error import WarmlineError
from warmline.core.message import Message
from warmline.core.text import Text
from warmline.ingest import IMPORTERS, ImportedMessage, Options, SkipLog, detect, paste, read
from warmline.ingest.ahead import Beside, read_ahead, worth_a_process
from warmline.ingest.record import SKIP_REASONS
from warmline.ingest.table import Columns
from warmline.ingest.whatsapp import DATE_ORDERS
from warmline.services.base import ServiceBase

if TYPE_CHECKING:
    from warmline.services.intake import Intake

BATCH = 1000
SAMPLES_PER_SENDER = 3
# Why the service itself skips a parsed message (the parsers' reasons are in SKIP_REASONS).
IMPORT_SKIP_REASONS: dict[str, Text] = {
    **SKIP_REASONS,
    "system": Text(
        "系统通知，不是人写的（加密提示、入群、撤回）",
        "system notice no one wrote (encryption, joins, recalls)",
    ),
    "blank": Text("没有文字也没有附件", "no text and no attachment"),
}
# Field sizes of the message table; longer values are cut (IDs are hashed instead).
_MAX = {"author": 200, "handle": 220, "thread": 300, "source": 100, "external_id": 200}
_NAME_MATCH_CHANNELS = frozenset(["whatsapp", "wechat", "telegram", "slack", "csv", "paste"])


@dataclass
class UnknownSender:
    """A sender no client or identity matched: stored unassigned, reported for mapping."""

    handle: str
    name: str
    channel: str
    count: int = 0
    samples: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What importing one file did (or, with dry_run, would do)."""

    path: str
    format: str
    dry_run: bool = False
    read: int = 0
    new: int = 0
    duplicate: int = 0
    assigned: int = 0
    unassigned: int = 0
    outgoing: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unknown: dict[str, UnknownSender] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def skip_reason(self, key: str, lang: str) -> str:
        reason = IMPORT_SKIP_REASONS.get(key)
        return reason.in_(lang) if reason else key


@dataclass(frozen=True, slots=True)
class Unassigned:
    handle: str
    count: int
    sample: str


class _DryRun(Exception):
    """Raised at the end of a dry run so the unit of work rolls everything back."""


@dataclass
class _Identity:
    """Who is who, loaded once per file."""

    handles: dict[str, int]
    names: dict[str, int]
    me_handles: set[str]
    me_names: set[str]
    forced: int | None
    mapped: dict[str, int]
    clients: dict[int, Client]


def _kind(channel: str, handle: str) -> str:
    """The channel kind used to normalise a handle for matching."""
    if channel in CHANNEL_KINDS:
        return channel
    if "@" in handle:
        return "email"
    digits = sum(c.isdigit() for c in handle)
    return "phone" if digits >= 7 else "wechat"


@lru_cache(maxsize=8192)
def _normalised(channel: str, handle: str) -> str:
    return normalise_handle(_kind(channel, handle), handle)


def _cut(value: str, key: str) -> str:
    limit = _MAX[key]
    if len(value) <= limit:
        return value
    if key == "external_id":
        return "long:" + hashlib.blake2b(value.encode(), digest_size=16).hexdigest()
    return value[: limit - 1] + "…"


class IngestService(ServiceBase):
    """`warmline import`, `warmline unassigned list|map`."""

    if TYPE_CHECKING:  # provided by BookService (and extended by the coach) in `Services`

        def intake(self, repo: Any, profile: Profile) -> Intake | None: ...

        def early_reader(self) -> Beside | None: ...

    # -- import ----------------------------------------------------------------
    def import_file(
        self,
        path: str | Path,
        *,
        fmt: str | None = None,
        client: str | None = None,
        maps: Mapping[str, str] | None = None,
        me: Sequence[str] = (),
        zone: str | None = None,
        date_order: str | None = None,
        columns: str | Columns | None = None,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Import one export file or folder; all or nothing."""
        p = Path(path)
        name = fmt or detect(p)
        if name not in IMPORTERS:
            raise WarmlineError(
                f"--format: unknown format {name!r}; use one of: {', '.join(IMPORTERS)}"
            )
        if date_order is not None and date_order not in DATE_ORDERS:
            raise WarmlineError(f"--date-order: {date_order!r} is unknown; use dmy, mdy or ymd")
        cols = Columns.parse(columns) if isinstance(columns, str) else columns
        profile = self.profile_for_import()
        options = Options(
            zone=zone or profile.timezone,
            date_order=date_order,  # checked against DATE_ORDERS above
            columns=cols,
            now=self.now(),
        )
        skipped = SkipLog()

        def source() -> Iterable[ImportedMessage]:
            if worth_a_process(p):  # a large file: parsed beside the storing and reading
                return read_ahead(
                    partial(read, p, name, options), skipped, beside=self.early_reader()
                )
            return read(p, name, options, skipped)

        return self._run(
            str(p),
            name,
            source,
            skipped,
            client=client,
            maps=maps,
            me=me,
            dry_run=dry_run,
            progress=progress,
        )

    def import_text(
        self,
        text: str,
        *,
        client: str | None = None,
        maps: Mapping[str, str] | None = None,
        me: Sequence[str] = (),
        zone: str | None = None,
        thread: str = "paste",
        dry_run: bool = False,
    ) -> ImportReport:
        """Import a pasted conversation (parsed when its layout is known, else one message)."""
        profile = self.profile_for_import()
        skipped = SkipLog()
        return self._run(
            "paste",
            "paste",
            lambda: paste.parse(text, now=self.now(), zone=zone or profile.timezone, thread=thread),
            skipped,
            client=client,
            maps=maps,
            me=me,
            dry_run=dry_run,
            progress=None,
        )

    def profile_for_import(self) -> Profile:
        with self.book() as repo:
            return repo.profile()

    def _identity(
        self, repo: Any, client: str | None, maps: Mapping[str, str] | None, me: Sequence[str]
    ) -> _Identity:
        profile: Profile = repo.profile()
        clients = {c.id: c for c in repo.clients(include_archived=True) if c.id is not None}
        names: dict[str, int] = {}
        seen_twice: set[str] = set()
        for cid, c in clients.items():
            key = c.name.strip().casefold()
            if key in names:
                seen_twice.add(key)
            names[key] = cid
        for key in seen_twice:
            del names[key]  # an ambiguous name matches nobody
        forced = repo.resolve_client(client).id if client else None
        mapped: dict[str, int] = {}
        for handle, ref in (maps or {}).items():
            if not handle.strip():
                raise WarmlineError(f"--map: {handle}={ref}: give HANDLE=CLIENT")
            mapped[handle.strip().casefold()] = repo.resolve_client(ref).id
        return _Identity(
            handles=repo.handle_index(),
            names=names,
            me_handles=profile.identities.handles(),
            me_names={profile.name.strip().casefold(), *(n.strip().casefold() for n in me)} - {""},
            forced=forced,
            mapped=mapped,
            clients=clients,
        )

    def _run(
        self,
        label: str,
        fmt: str,
        source: Callable[[], Iterable[ImportedMessage]],
        skipped: SkipLog,
        *,
        client: str | None,
        maps: Mapping[str, str] | None,
        me: Sequence[str],
        dry_run: bool,
        progress: Callable[[int], None] | None,
    ) -> ImportReport:
        report = ImportReport(path=label, format=fmt, dry_run=dry_run)
        started = time.perf_counter()
        try:
            with self.book() as repo:
                self._import(repo, source(), report, client, maps, me, progress)
                report.skipped.update(skipped.counts)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        report.seconds = time.perf_counter() - started
        return report

    def _import(
        self,
        repo: Any,
        messages: Iterable[ImportedMessage],
        report: ImportReport,
        client: str | None,
        maps: Mapping[str, str] | None,
        me: Sequence[str],
        progress: Callable[[int], None] | None,
    ) -> None:
        who = self._identity(repo, client, maps, me)
        profile: Profile = repo.profile()
        intake = self.intake(repo, profile)  # the coach's reading, when it is there
        thread_client: dict[str, int] = {}
        thread_handles: dict[str, set[str]] = {}
        pending: dict[str, list[int]] = {}  # thread -> IDs of our messages with no client yet
        blank_id_seen = False  # a message with no external ID is stored once per file
        for batch in _batches(messages, BATCH):
            drafts: list[tuple[dict[str, Any], str, Any]] = []
            for item in batch:
                report.read += 1
                draft = self._draft(item, who, report, thread_client, thread_handles)
                if draft is not None:
                    drafts.append((draft, item.thread, item.early))
            # Earlier batches of this file are stored already: the book knows their IDs.
            existing = repo.existing_external_ids(d["external_id"] for d, _, _ in drafts)
            fresh: list[Message] = []
            threads: list[str] = []
            for draft, thread, early in drafts:
                key = draft["external_id"]
                if key in existing or (not key and blank_id_seen):
                    report.duplicate += 1
                    continue
                existing.add(key)
                blank_id_seen = blank_id_seen or not key
                cid = draft["client_id"]
                if intake is not None and cid is not None and draft["direction"] == "in":
                    reading = intake.read(draft["text"], who.clients[cid], early)
                    if reading is not None:
                        draft.update(
                            emotion=reading.emotion,
                            emotion_score=reading.emotion_score,
                            questions=reading.questions,
                            status_request=reading.status_request,
                        )
                fresh.append(Message(**draft))
                threads.append(thread)
            ids = repo.add_messages(fresh) if fresh else []
            stored: list[tuple[Message, int, Client]] = []
            for msg, thread, new_id in zip(fresh, threads, ids, strict=True):
                report.new += 1
                if msg.direction == "out":
                    report.outgoing += 1
                if msg.client_id is not None:
                    report.assigned += 1
                    if intake is not None:
                        stored.append((msg, new_id, who.clients[msg.client_id]))
                else:
                    report.unassigned += 1
                    if msg.direction == "out":
                        pending.setdefault(thread, []).append(new_id)
            if stored and intake is not None:
                intake.record(stored)
            if progress is not None:
                progress(len(batch))
        self._settle_pending(repo, pending, thread_client, thread_handles, report, intake, who)

    def _settle_pending(
        self,
        repo: Any,
        pending: dict[str, list[int]],
        thread_client: dict[str, int],
        thread_handles: dict[str, set[str]],
        report: ImportReport,
        intake: Intake | None,
        who: _Identity,
    ) -> None:
        """Our messages in a chat go to the chat's client, once any message told us who it is
        (and the coach then records their promises and deliveries); in a one-to-one chat
        with an unknown person they take that person's handle, so mapping the handle later
        attaches both sides."""
        for thread, ids in pending.items():
            cid = thread_client.get(thread)
            if cid is not None:
                repo.attach_messages(ids, client_id=cid)
                if intake is not None:
                    client = who.clients[cid]
                    intake.record(
                        [
                            (dataclasses.replace(msg, client_id=cid), mid, client)
                            for mid, msg in zip(ids, repo.messages_by_id(ids), strict=True)
                        ]
                    )
                report.assigned += len(ids)
                report.unassigned -= len(ids)
                continue
            others = thread_handles.get(thread, set())
            if len(others) == 1:
                repo.attach_messages(ids, handle=next(iter(others)))

    def _draft(
        self,
        item: ImportedMessage,
        who: _Identity,
        report: ImportReport,
        thread_client: dict[str, int],
        thread_handles: dict[str, set[str]],
    ) -> dict[str, Any] | None:
        """The fields of the message to store (what reading finds is added later)."""
        if item.is_system:
            report.skipped["system"] += 1
            return None
        if not item.text.strip() and not item.attachments:
            report.skipped["blank"] += 1
            return None
        norm = _normalised(item.channel, item.sender_handle) if item.sender_handle else ""
        name_key = item.sender_name.strip().casefold()
        mine = item.from_me
        if mine is None:
            mine = bool(
                (norm and norm in who.me_handles)
                or (name_key and name_key in who.me_names)
                or (item.sender_handle and item.sender_handle.strip().casefold() in who.me_names)
            )
        thread = item.thread
        cid: int | None
        handle: str
        if mine:
            direction = "out"
            cid, handle = self._recipient(item, who, thread_client)
        else:
            direction = "in"
            handle = item.sender_handle or item.sender_name
            cid = self._sender(item, norm, name_key, who)
            if cid is not None:
                thread_client.setdefault(thread, cid)
            else:
                thread_handles.setdefault(thread, set()).add(_cut(handle, "handle"))
                self._note_unknown(item, handle, report)
        return dict(
            direction=direction,
            sent_at=item.sent_at,
            text=item.text,
            client_id=cid,
            channel=item.channel,
            author=_cut(item.sender_name, "author"),
            handle=_cut(handle, "handle"),
            utc_offset_minutes=item.utc_offset_minutes,
            thread=_cut(thread, "thread"),
            source=_cut(f"import:{item.format}", "source"),
            external_id=_cut(item.external_id, "external_id"),
            attachments=item.attachments,
        )

    def _sender(
        self, item: ImportedMessage, norm: str, name_key: str, who: _Identity
    ) -> int | None:
        raw = item.sender_handle.strip().casefold()
        if raw and raw in who.mapped:
            return who.mapped[raw]
        if name_key and name_key in who.mapped:
            return who.mapped[name_key]
        if who.forced is not None:
            return who.forced
        if norm and norm in who.handles:
            return who.handles[norm]
        if item.channel in _NAME_MATCH_CHANNELS and name_key in who.names:
            return who.names[name_key]
        return None

    def _recipient(
        self, item: ImportedMessage, who: _Identity, thread_client: dict[str, int]
    ) -> tuple[int | None, str]:
        """(client, handle) of our message: a recipient we know, or the chat's client."""
        for address in item.recipients:
            low = address.strip().casefold()
            if low in who.mapped:
                return who.mapped[low], address
            cid = who.handles.get(normalise_handle(_kind(item.channel, address), address))
            if cid is not None:
                return cid, address
        first = item.recipients[0] if item.recipients else ""
        if who.forced is not None:
            return who.forced, first
        thread = item.thread
        if thread in thread_client:
            return thread_client[thread], first
        by_name = who.names.get(thread.strip().casefold())
        if by_name is not None and item.channel in _NAME_MATCH_CHANNELS:
            thread_client[thread] = by_name
            return by_name, first
        return None, first

    def _note_unknown(self, item: ImportedMessage, handle: str, report: ImportReport) -> None:
        entry = report.unknown.get(handle)
        if entry is None:
            entry = report.unknown[handle] = UnknownSender(handle, item.sender_name, item.channel)
        entry.count += 1
        if len(entry.samples) < SAMPLES_PER_SENDER:
            where = f"line {item.line}: " if item.line else ""
            text = " ".join(item.text.split())
            entry.samples.append(f"{where}{text[:80] or ', '.join(item.attachments)}")

    # -- unassigned ------------------------------------------------------------
    def unassigned(self) -> list[Unassigned]:
        """Handles of stored messages that no client owns yet, most messages first."""
        with self.book() as repo:
            return [Unassigned(h, n, s) for h, n, s in repo.unassigned_handles()]

    def map_handle(self, handle: str, client: str, *, remember: bool = True) -> tuple[Client, int]:
        """Attach every unassigned message from `handle` to a client, and (by default) add the
        handle to the client's channels so later imports match it at once."""
        if not handle.strip():
            raise WarmlineError("handle: give the handle shown by `warmline unassigned list`")
        with self.book() as repo:
            c = repo.resolve_client(client)
            assert c.id is not None
            handle = self._stored_handle(repo, handle.strip())
            # The coach reads them now, as an import reads a known client's messages:
            # their questions and emotion before they join the client (the activity
            # summary folds them in then), their promises and deliveries after.
            intake = self.intake(repo, repo.profile())
            waiting = repo.unassigned_messages(handle) if intake is not None else []
            if intake is not None:
                readings = []
                for msg in waiting:
                    reading = intake.read(msg.text, c) if msg.direction == "in" else None
                    if reading is not None and msg.id is not None:
                        values = dataclasses.asdict(reading)
                        values["questions"] = list(reading.questions)
                        readings.append((msg.id, values))
                repo.set_readings(readings)
            count = repo.assign_handle(handle, c.id)
            if intake is not None and waiting:
                intake.record(
                    [
                        (dataclasses.replace(msg, client_id=c.id), msg.id, c)
                        for msg in waiting
                        if msg.id is not None
                    ]
                )
            if count == 0:
                known = [h for h, _, _ in repo.unassigned_handles()]
                hint = f" (unassigned handles: {', '.join(known[:6])})" if known else ""
                raise WarmlineError(f"handle: no unassigned message from {handle!r}{hint}")
            if remember:
                channel = self._channel_of(repo, handle, c.id)
                if channel in CHANNEL_KINDS and (channel, handle) not in c.channels.items():
                    items = [*c.channels.items(), (channel, handle)]
                    c = repo.update_client(
                        dataclasses.replace(c, channels=Channels.from_items(items))
                    )
            return c, count

    @staticmethod
    def _stored_handle(repo: Any, handle: str) -> str:
        """The handle as the book stores it: "+44 7700 900777" finds "+447700900777"."""
        stored = [h for h, _, _ in repo.unassigned_handles()]
        if handle in stored:
            return handle
        key = _normalised("", handle)
        same = [h for h in stored if _normalised("", h) == key]
        return same[0] if len(same) == 1 else handle

    @staticmethod
    def _channel_of(repo: Any, handle: str, client_id: int) -> str:
        for msg in repo.messages(client_id, newest_first=True, limit=200):
            if msg.handle == handle:
                return _kind(msg.channel, handle)
        return _kind("", handle)


def _batches(items: Iterable[ImportedMessage], size: int) -> Iterator[list[ImportedMessage]]:
    batch: list[ImportedMessage] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parse_maps(values: Sequence[str]) -> dict[str, str]:
    """`--map HANDLE=CLIENT` values to a dict (split on the last '=', so a handle may hold one)."""
    out: dict[str, str] = {}
    for value in values:
        handle, sep, ref = value.rpartition("=")
        if not sep or not handle.strip() or not ref.strip():
            raise WarmlineError(f"--map: {value!r} is not HANDLE=CLIENT")
        out[handle.strip()] = ref.strip()
    return out


__all__ = [
    "IMPORT_SKIP_REASONS",
    "ImportReport",
    "IngestService",
    "Unassigned",
    "UnknownSender",
    "parse_maps",
]

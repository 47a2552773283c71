"""The coach's reading of imported messages, a batch at a time (issue 5, part 4).

An import reads every new message the way a single stored message is read
(services/read.py): an incoming client message gets its emotion, questions and
status request; a message of either side records the promises it makes; our
deliveries are recorded and keep our earlier promises (T2). This class does the
same for a batch of messages, with the costs of a 100,000-message import in mind:

- the coach's whole-text tests (may_ask, may_promise, may_deliver) skip texts with
  nothing to find, inside the coach's own functions;
- the reading of a short text (up to SHORT_TEXT characters: "好的", "ok 👍",
  "Thanks!") is remembered for the rest of the file, as chats repeat them;
- promises and deliveries go in with one INSERT per batch;
- the open promises a delivery may keep are loaded once per client and followed
  in memory, so a delivery costs no query; the promises it keeps are updated once
  per batch.

The rows written are those that reading the messages one by one writes, with the
same IDs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from warmline.coach.emotion import classify
from warmline.coach.extract import extract_commitments, extract_deliverables, feedback_due
from warmline.coach.question import find_questions, is_status_request
from warmline.core.client import Client
from warmline.core.ledger import Commitment, CommitmentStatus, Deliverable, Party
from warmline.core.message import Emotion, Message
from warmline.core.text import Lang, as_lang, detect_language
from warmline.ingest.record import ImportedMessage

# Promises due (or made, when they name no time) longer ago than this are
# history, not open promises: an import of old chats does not flood the agenda.
STALE_AFTER = timedelta(days=7)
DELIVERABLE_TEXT_MAX = 200


def message_lang(text: str, fallback: str) -> Lang:
    """The language a message is written in, the client's language when unclear."""
    return detect_language(text, default=as_lang(fallback))


# Readings of texts this short are remembered; so many at most (then forgotten).
SHORT_TEXT = 48
REMEMBERED = 20_000


@dataclass(frozen=True, slots=True)
class MessageReading:
    """What reading an incoming message finds (the Message fields it fills)."""

    emotion: Emotion
    emotion_score: float
    questions: tuple[str, ...]
    status_request: bool


@dataclass(frozen=True, slots=True)
class EarlyReading:
    """A message's emotion, read in the parsing process of a large import."""

    lang: Lang
    emotion: Emotion
    score: float


class EarlyReader:
    """Reads the emotion of each parsed message beside the parser (ahead.read_ahead's
    `beside`), so that a large import's reading is shared between two processes: the
    parsing one reads emotion, this one the rest. Only messages that may be a client's
    (not a system line, not marked as ours), longer than SHORT_TEXT (Intake remembers
    the reading of short ones: chats repeat them) and whose language does not depend on
    the client's are read; Intake.read reads the others itself, and the result is the
    same either way."""

    def __call__(self, item: ImportedMessage) -> EarlyReading | None:
        text = item.text
        if item.is_system or item.from_me or len(text) <= SHORT_TEXT:
            return None
        lang = detect_language(text, "zh")
        if detect_language(text, "en") != lang:  # the client's language decides
            return None
        affect = classify(text, lang)
        return EarlyReading(lang, affect.label, affect.score)


class Intake:
    """Reads and records the messages of one import, inside its unit of work."""

    def __init__(self, repo: Any, my_zone: str, now: datetime) -> None:
        self.repo = repo
        self.my_zone = my_zone
        self.now = now
        self._readings: dict[tuple[str, str], MessageReading] = {}
        # client ID -> our open promises a later delivery may keep
        self._open: dict[int, list[Commitment]] = {}
        self._unloaded: set[int] = set()  # clients whose stored promises are not read yet
        self._ours: set[int] = set()  # IDs of our promises this import added

    # -- before storing: what an incoming message says ---------------------------
    def read(
        self, text: str, client: Client, early: EarlyReading | None = None
    ) -> MessageReading | None:
        """The reading of an incoming client message; None when it has no text. `early`:
        its emotion, when the parsing process read it already (EarlyReader)."""
        if not text.strip():
            return None
        lang = message_lang(text, client.language)
        short = len(text) <= SHORT_TEXT
        if short:
            known = self._readings.get((text, lang))
            if known is not None:
                return known
        if early is not None and early.lang == lang:
            emotion, score = early.emotion, early.score
        else:
            affect = classify(text, lang)
            emotion, score = affect.label, affect.score
        reading = MessageReading(
            emotion=emotion,
            emotion_score=round(score, 3),
            questions=tuple(q.text for q in find_questions(text, lang)),
            status_request=is_status_request(text, lang),
        )
        if short:
            if len(self._readings) >= REMEMBERED:
                self._readings.clear()
            self._readings[(text, lang)] = reading
        return reading

    # -- after storing: what the messages imply ----------------------------------
    def record(self, saved: Sequence[tuple[Message, int, Client]]) -> None:
        """Record the promises and deliveries of stored messages (message, its ID, its
        client), in the order they were stored."""
        found: list[tuple[list[Commitment], Deliverable | None]] = []
        for msg, mid, client in saved:
            lang = message_lang(msg.text, client.language)
            found.append(
                (
                    promises_in(msg, mid, client, self.my_zone, lang, self.now),
                    delivery_in(msg, mid, self.my_zone, lang) if msg.direction == "out" else None,
                )
            )
        new = [c for promises, _ in found for c in promises]
        ids = iter(self.repo.add_commitments(new) if new else ())
        deliveries: list[Deliverable] = []
        kept: list[tuple[int, CommitmentStatus, datetime]] = []
        # A delivery keeps our promises made before it: those stored before the import
        # and those of earlier messages of this import (not its own).
        for (msg, mid, _), (promises, delivery) in zip(saved, found, strict=True):
            assert msg.client_id is not None
            stored = [dataclasses.replace(c, id=next(ids)) for c in promises]
            if delivery is not None:
                deliveries.append(delivery)
                still_open = []
                for c in self._open_promises(msg.client_id):
                    status = kept_by(c, mid, msg.sent_at)
                    if status is None:
                        still_open.append(c)
                    else:
                        assert c.id is not None
                        kept.append((c.id, status, msg.sent_at))
                self._open[msg.client_id] = still_open
            ours = [c for c in stored if c.by == "us"]
            if ours:
                self._ours.update(c.id for c in ours if c.id is not None)
                self._open_promises(msg.client_id, load=False).extend(ours)
        if deliveries:
            self.repo.add_deliverables(deliveries)
        if kept:
            self.repo.close_commitments(kept)

    def _open_promises(self, client_id: int, *, load: bool = True) -> list[Commitment]:
        """Our open promises to a client: those of this import, and those stored before
        it (read from the book the first time a delivery needs them)."""
        found = self._open.get(client_id)
        if found is None:
            found = self._open[client_id] = []
            self._unloaded.add(client_id)
        if load and client_id in self._unloaded:
            self._unloaded.discard(client_id)
            before = [
                c
                for c in self.repo.commitments(client_id, status="open", by="us")
                if c.id not in self._ours
            ]
            found[:0] = before
        return found


# -- what a stored message implies (shared by single messages and imports) ---------------
def promises_in(
    msg: Message, message_id: int, client: Client, my_zone: str, lang: Lang, now: datetime
) -> list[Commitment]:
    """The promises a message stored as `message_id` makes (ours when outgoing, the
    client's when incoming), as commitments to record; history (STALE_AFTER) is left out."""
    assert msg.client_id is not None
    if msg.direction == "out":
        zone_name = my_zone
        by: Party = "us"
    else:
        zone_name = client.timezone
        by = "client"
    found = extract_commitments(msg.text, msg.sent_at, zone_name, lang, by=by)
    stale = now - STALE_AFTER
    # "by Wednesday 5pm" to a client abroad: whose 5pm? Take the earlier reading, so
    # the promise is kept either way (C1 flags the draft). The earlier reading cannot
    # make a stale promise fresh, so when all are stale it is not needed.
    if (
        msg.direction == "out"
        and client.timezone != zone_name
        and any((p.due or msg.sent_at) >= stale for p in found)
    ):
        theirs = extract_commitments(msg.text, msg.sent_at, client.timezone, lang, by="us")
        found = [
            dataclasses.replace(p, due=min(p.due, q.due)) if p.due and q.due else p
            for p, q in zip(found, theirs, strict=True)
        ]
    return [
        Commitment(
            client_id=msg.client_id,
            by=p.by,
            text=p.text,
            due=p.due,
            created_at=msg.sent_at,
            project_id=msg.project_id,
            source_message_id=message_id,
        )
        for p in found
        if (p.due or msg.sent_at) >= stale
    ]


def delivery_in(msg: Message, message_id: int, my_zone: str, lang: Lang) -> Deliverable | None:
    """What an outgoing message stored as `message_id` delivers (attachments, files,
    links), awaiting feedback by the time it asks for (S4); None when it delivers nothing."""
    assert msg.client_id is not None
    if msg.direction != "out":
        return None
    items = extract_deliverables(msg.text, msg.attachments)
    if not items:
        return None
    what = ("、" if lang == "zh" else ", ").join(items)
    if len(what) > DELIVERABLE_TEXT_MAX:
        what = what[: DELIVERABLE_TEXT_MAX - 1] + "…"
    return Deliverable(
        client_id=msg.client_id,
        what=what,
        sent_at=msg.sent_at,
        feedback_by=feedback_due(msg.text, msg.sent_at, my_zone, lang),
        project_id=msg.project_id,
        source_message_id=message_id,
    )


def kept_by(c: Commitment, delivery_id: int, sent_at: datetime) -> CommitmentStatus | None:
    """The status an open promise of ours takes when a delivery (message `delivery_id`)
    is sent at `sent_at`: kept (or kept late) when it was extracted from an earlier
    message; None when it stays open."""
    if c.source_message_id is None or c.created_at >= sent_at:
        return None
    if c.source_message_id == delivery_id:
        return None
    late = c.due is not None and sent_at > c.due
    return "kept_late" if late else "kept"

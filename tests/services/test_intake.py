"""An import reads its messages in batches (services/intake.py); the book must end up as
if each message had been read on its own, in order."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW
from warmline.core.client import Channels, Client
from warmline.core.message import Message
from warmline.ingest import ahead
from warmline.services import Services
from warmline.services.intake import SHORT_TEXT, EarlyReading, Intake, MessageReading

# (time in London, sender, text, attachment); NOW is Monday 23 November 2026.
EARLY = [
    ("2026-11-18 09:00", "Lin", "I'll send the draft contract by Friday 5pm.", ""),
    ("2026-11-18 09:10", "Anna Lee", "Great, thanks! Can you also check the prices?", ""),
]
LATER = [
    ("2026-11-19 10:00", "Lin", "We will share the mock-ups tomorrow.", ""),
    ("2026-11-19 10:05", "Anna Lee", "I'll send the logo files tonight.", ""),
    ("2026-11-19 11:00", "Anna Lee", "Any update on the brochure?", ""),
    ("2026-11-20 08:00", "Lin", "I'll send the invoice by Monday.", ""),
    ("2026-11-20 09:00", "Lin", "Here is the contract, please find it attached.", "contract.pdf"),
    ("2026-11-20 12:00", "Anna Lee", "This is unacceptable, the mock-ups are late AGAIN!!", ""),
    (
        "2026-11-21 08:00",
        "Lin",
        "Sorry! Mock-ups: https://drive.google.com/file/d/abc please let me know by Tuesday",
        "",
    ),
    ("2026-11-21 09:00", "Lin", "好的，我们周三前把报价单发您", ""),
    ("2026-11-22 10:00", "Anna Lee", "ok", ""),
    ("2026-11-22 10:01", "Anna Lee", "ok", ""),
    ("2026-11-22 11:00", "Lin", "I'll call you tomorrow at 3pm.", ""),
]


def _export(path: Path, thread: str, rows: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["timestamp", "author", "message", "files", "thread"])
        writer.writerows([*row, thread] for row in rows)
    return path


@pytest.fixture
def book(svc: Services) -> Services:
    """Lin (Shanghai) with two clients in London: one read in batches, one message by message."""
    svc.set_profile(name="Lin", timezone="Asia/Shanghai")
    for name in ("Anna Lee", "Twin Lee"):
        svc.add_client(name, timezone="Europe/London", language="en", channels=Channels())
    return svc


def _ledger(
    book: Services, client: str
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    cid = book.client(client).id
    assert cid is not None
    promises = [
        (p.by, p.text, p.due, p.created_at, p.status, p.closed_at) for p in book.promises(cid)
    ]
    deliveries = [(d.what, d.sent_at, d.feedback_by) for d in book.deliverables(cid)]
    return promises, deliveries


def test_reading_in_batches_records_what_reading_one_message_at_a_time_records(
    book: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("warmline.services.ingest.BATCH", 3)
    options = {"zone": "Europe/London", "me": ("Lin",)}
    # Batches: the early part first (its promise is then in the book), then everything.
    early = _export(tmp_path / "early-a.csv", "a", EARLY)
    full = _export(tmp_path / "full-a.csv", "a", EARLY + LATER)
    book.import_file(early, client="Anna Lee", **options)  # type: ignore[arg-type]
    report = book.import_file(full, client="Anna Lee", **options)  # type: ignore[arg-type]
    assert (report.new, report.duplicate) == (len(LATER), len(EARLY))

    # One at a time: imported unread, then each message read on its own, in order.
    monkeypatch.setattr(Services, "intake", lambda self, repo, profile: None)
    twin = book.client("Twin Lee")
    assert twin.id is not None
    done: set[int] = set()
    for name, rows in (("early-b.csv", EARLY), ("full-b.csv", EARLY + LATER)):
        book.import_file(_export(tmp_path / name, "b", rows), client="Twin Lee", **options)  # type: ignore[arg-type]
        for msg in book.messages(twin.id):
            if msg.id is not None and msg.id not in done:
                book.record_from_message(msg.id)
                done.add(msg.id)

    batched, single = _ledger(book, "Anna Lee"), _ledger(book, "Twin Lee")
    assert batched == single
    promises, deliveries = batched
    statuses = {text: status for _, text, _, _, status, _ in promises}
    # kept by the contract: one promise stored before the import, one from an earlier
    # batch, one from the same batch; the later ones stay open
    assert statuses["I'll send the draft contract by Friday 5pm."] == "kept"
    assert statuses["We will share the mock-ups tomorrow."] == "kept"
    assert statuses["I'll send the invoice by Monday."] == "kept"
    assert statuses["I'll call you tomorrow at 3pm."] == "open"
    assert statuses["I'll send the logo files tonight."] == "open"  # the client's
    assert deliveries[0][0] == "contract.pdf"
    assert len(deliveries) == 2


def _read_as_alone(book: Services, client: str) -> list[Message]:
    """The client's stored incoming messages, each checked to hold what reading it alone
    gives (emotion, score, questions, status request)."""
    who = book.client(client)
    profile = book.profile()
    assert who.id is not None
    incoming = [m for m in book.messages(who.id) if m.direction == "in"]
    for msg in incoming:
        alone = book.enrich_message(msg, who, profile)
        assert (msg.emotion, msg.emotion_score, msg.questions, msg.status_request) == (
            alone.emotion,
            alone.emotion_score,
            alone.questions,
            alone.status_request,
        )
    return incoming


def test_incoming_messages_are_stored_with_the_reading_of_a_single_message(
    book: Services, tmp_path: Path
) -> None:
    book.import_file(
        _export(tmp_path / "a.csv", "a", EARLY + LATER),
        client="Anna Lee",
        zone="Europe/London",
        me=("Lin",),
    )
    incoming = _read_as_alone(book, "Anna Lee")
    assert len(incoming) == 6
    assert {m.text: m.emotion for m in incoming}[LATER[5][2]] == "anger"
    assert {m.text: m.status_request for m in incoming}["Any update on the brochure?"]


def test_a_short_text_is_read_once_per_import(book: Services) -> None:
    intake = Intake(repo=None, my_zone="Asia/Shanghai", now=NOW)
    anna = book.client("Anna Lee")
    first = intake.read("ok 👍", anna)
    assert first is not None and first.emotion == "satisfaction"
    assert intake.read("ok 👍", anna) is first
    assert intake.read("   ", anna) is None


@pytest.mark.skipif(
    sys.platform != "linux" or (os.cpu_count() or 1) < 2, reason="a second process: Linux, 2 cores"
)
def test_emotion_read_in_the_parsing_process_is_the_emotion_read_here(
    book: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "MIN_BYTES", 1)  # this small file is parsed in a child
    monkeypatch.setattr(ahead, "BEHIND", 0)  # which reads every message it may
    early: list[EarlyReading | None] = []
    read = Intake.read

    def spy(
        self: Intake, text: str, client: Client, found: EarlyReading | None = None
    ) -> MessageReading | None:
        early.append(found)
        return read(self, text, client, found)

    monkeypatch.setattr(Intake, "read", spy)
    rows = [
        *EARLY,
        *LATER,
        ("2026-11-22 12:00", "Anna Lee", "🙏🙏 " * 20, ""),
        (
            "2026-11-22 12:05",
            "Anna Lee",
            "收到，谢谢！方案我们内部再讨论一下，老板这两天出差，等他回来确认了预算和排期，周四之前一定给您一个明确的反馈，这周辛苦您了",
            "",
        ),
    ]
    book.import_file(
        _export(tmp_path / "a.csv", "a", rows), client="Anna Lee", zone="Europe/London", me=("Lin",)
    )
    # The child reads the long messages, except an emoji-only one (its language is the
    # client's); short ones are read here (and remembered).
    texts = [row[2] for row in rows if row[1] == "Anna Lee"]
    assert [e is not None for e in early] == [
        len(t) > SHORT_TEXT and not t.startswith("🙏") for t in texts
    ]
    assert len([e for e in early if e is not None]) == 2  # the angry one, the Chinese one
    assert len(_read_as_alone(book, "Anna Lee")) == 8

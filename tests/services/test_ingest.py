"""Importing into the book: identities, unknown senders, idempotence, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from warmline.core.client import Channels
from warmline.core.error import WarmlineError
from warmline.services import Services

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
ANNA_CHAT = FIXTURES / "whatsapp" / "WhatsApp Chat with Anna Lee.txt"


@pytest.fixture
def book(svc: Services) -> Services:
    """Lin Mei's book: Anna Lee (WhatsApp by name, email) and 王总 (email)."""
    svc.set_profile(
        name="Lin Mei",
        timezone="Asia/Shanghai",
        identities={"email": ["lin@meidesign.example"], "whatsapp": ["+86 138 0000 0000"]},
    )
    svc.add_client(
        "Anna Lee",
        timezone="America/New_York",
        channels=Channels(email=("anna@northwind.example",)),
    )
    svc.add_client(
        "王总", timezone="Asia/Shanghai", channels=Channels(email=("wang@huaxin.example",))
    )
    return svc


def test_a_whatsapp_chat_attaches_both_sides_to_the_client(book: Services) -> None:
    report = book.import_file(ANNA_CHAT, zone="America/New_York")
    anna = book.client("Anna Lee")
    messages = book.messages(anna.id)
    # The encryption notice and the description change are notices; a deleted message is blank.
    assert (report.skipped["system"], report.skipped["blank"]) == (2, 1)
    assert {m.direction for m in messages} == {"in", "out"}
    ours = [m for m in messages if m.direction == "out"]
    assert ours[0].text.startswith("Yes! I'll send the first drafts")
    assert all(m.client_id == anna.id for m in ours)


def test_an_unknown_sender_is_stored_unassigned_and_reported_with_samples(book: Services) -> None:
    report = book.import_file(ANNA_CHAT, zone="America/New_York")
    (unknown,) = report.unknown.values()
    assert unknown.handle == "+14155550134"
    assert unknown.count == 1
    assert unknown.samples == [
        "line 17: Hi, this is Anna's colleague Sam: please add me to the thread"
    ]
    listed = book.unassigned()
    assert [(u.handle, u.count) for u in listed] == [("+14155550134", 1)]


def test_mapping_an_unknown_handle_attaches_its_messages_and_remembers_it(book: Services) -> None:
    book.import_file(ANNA_CHAT, zone="America/New_York")
    sam = book.add_client("Sam Ortiz", timezone="America/Los_Angeles")
    client, count = book.map_handle("+14155550134", "Sam")
    assert count == 1
    assert client.id == sam.id
    assert client.channels.whatsapp == ("+14155550134",)
    assert book.unassigned() == []
    (msg,) = book.messages(sam.id)
    assert msg.text.startswith("Hi, this is Anna's colleague")


def test_importing_the_same_file_twice_adds_nothing(book: Services) -> None:
    first = book.import_file(ANNA_CHAT, zone="America/New_York")
    second = book.import_file(ANNA_CHAT, zone="America/New_York")
    assert first.new == 9
    assert (second.new, second.duplicate) == (0, 9)


def test_a_dry_run_reports_and_stores_nothing(book: Services) -> None:
    report = book.import_file(FIXTURES / "email" / "mixed.mbox", dry_run=True)
    assert report.new == 6 and report.dry_run
    assert book.messages("Anna") == []
    assert book.unassigned() == []


def test_mail_is_matched_by_address_and_ours_by_recipient(book: Services) -> None:
    report = book.import_file(FIXTURES / "email" / "mixed.mbox")
    anna = book.client("Anna")
    wang = book.client("王总")
    anna_msgs = book.messages(anna.id)
    assert [(m.direction, m.handle) for m in anna_msgs] == [
        ("in", "anna@northwind.example"),
        ("out", "anna@northwind.example"),
    ]
    assert [m.text[:6] for m in book.messages(wang.id)] == ["林老师：\n\n"]
    assert set(report.unknown) == {
        "mei.chen@taipei-trading.example",
        "chen@hongda.example",
        "zhao@example.cn",
    }


def test_a_map_option_assigns_a_handle_during_the_import(book: Services) -> None:
    chen = book.add_client("陈经理", timezone="Asia/Shanghai")
    report = book.import_file(
        FIXTURES / "email" / "mixed.mbox", maps={"chen@hongda.example": "陈经理"}
    )
    assert "chen@hongda.example" not in report.unknown
    assert [m.text for m in book.messages(chen.id)] == ["合同我看过了，没问题。"]


def test_a_client_option_takes_every_sender_of_the_file(book: Services) -> None:
    chen = book.add_client("陈经理", timezone="Asia/Shanghai")
    report = book.import_file(FIXTURES / "wechat" / "陈经理.txt", client="陈经理", me=["林梅"])
    assert report.unknown == {}
    msgs = book.messages(chen.id)
    assert [m.direction for m in msgs][:2] == ["in", "out"]


def test_ours_in_an_unknown_one_to_one_chat_take_the_other_persons_handle(book: Services) -> None:
    book.import_file(FIXTURES / "whatsapp" / "de_dotted.txt", zone="Europe/Berlin")
    listed = {u.handle: u.count for u in book.unassigned()}
    assert listed == {"Jonas Weber": 3}  # two of his, one of ours
    jonas = book.add_client("Jonas Weber", timezone="Europe/Berlin")
    _, count = book.map_handle("Jonas Weber", "Jonas")
    assert count == 3
    assert [m.direction for m in book.messages(jonas.id)] == ["in", "out", "in"]


def test_a_corrupt_file_stores_nothing_and_names_the_line(book: Services) -> None:
    with pytest.raises(WarmlineError, match=r"truncated\.json: line \d+"):
        book.import_file(FIXTURES / "telegram" / "truncated.json")
    assert book.unassigned() == []
    assert book.messages("Anna") == []


def test_a_whatsapp_export_of_the_user_matches_me_by_profile_name(book: Services) -> None:
    report = book.import_file(FIXTURES / "whatsapp" / "zh_android.txt", me=["林梅"])
    assert report.outgoing == 2
    assert set(report.unknown) == {"陈经理"}


def test_an_unrecognised_paste_becomes_one_message_for_the_client(book: Services) -> None:
    report = book.import_text("王总，附件是修改后的方案，请查收。", client="王总")
    (msg,) = book.messages("王总")
    assert report.new == 1
    assert msg.sent_at == book.now()
    assert msg.channel == "paste"


def test_an_unknown_handle_cannot_be_mapped(book: Services) -> None:
    with pytest.raises(WarmlineError, match="no unassigned message from 'nobody'"):
        book.map_handle("nobody", "Anna")


def test_an_exported_book_with_imported_messages_restores_their_ids(
    book: Services, sqlite_svc: Services
) -> None:
    # Imported out of time order, so IDs do not follow sent times.
    book.import_file(FIXTURES / "whatsapp" / "zh_android.txt", me=["林梅"])
    book.import_file(FIXTURES / "email" / "mixed.mbox")
    doc = book.export_book()
    before = {m["external_id"]: m["id"] for m in doc["messages"]}
    sqlite_svc.import_book("book.json", doc)
    after = {m["external_id"]: m["id"] for m in sqlite_svc.export_book()["messages"]}
    assert after == before and len(after) == 11


def test_mapping_a_handle_reads_its_messages_as_an_import_would(
    book: Services, tmp_path: Path
) -> None:
    """An unknown sender's messages are read once they belong to a client: questions,
    status request and emotion are recorded, and so is the promise the client made."""
    chat = tmp_path / "WhatsApp Chat with Kim.txt"
    chat.write_text(
        "20/11/2026, 09:00 - +44 7700 900777: Where is the invoice?? "
        "This is the third time I ask. Unacceptable.\n"
        "20/11/2026, 09:05 - +44 7700 900777: I will send the signed contract by Friday 27 Nov.\n",
        encoding="utf-8",
    )
    report = book.import_file(chat, fmt="whatsapp", zone="Europe/London")
    assert report.unassigned == 2
    kim = book.add_client("Kim Lee", timezone="Europe/London", language="en")
    assert book.promises("Kim") == []
    _, count = book.map_handle("+44 7700 900777", "Kim")
    assert count == 2
    asked, promised = book.messages(kim.id or 0)
    assert asked.questions == ("Where is the invoice??",)
    assert asked.status_request
    assert asked.emotion == "anger"
    assert promised.emotion is not None
    (promise,) = book.promises("Kim")
    assert promise.by == "client"
    assert promise.source_message_id == promised.id


def test_our_promise_before_the_client_speaks_is_recorded(book: Services, tmp_path: Path) -> None:
    """Our first message in a chat is stored before we know whose chat it is; once the
    client speaks it joins them, and the promise it makes is recorded."""
    chat = tmp_path / "WhatsApp Chat with Logo project.txt"
    chat.write_text(
        "20/11/2026, 09:00 - Lin Mei: I'll send the quote by Friday 27 Nov 3 pm.\n"
        "20/11/2026, 09:05 - Anna Lee: Great, thanks!\n",
        encoding="utf-8",
    )
    book.import_file(chat, fmt="whatsapp", zone="America/New_York", me=["Lin Mei"])
    ours = [m for m in book.messages("Anna") if m.direction == "out"]
    assert len(ours) == 1
    (promise,) = book.promises("Anna", by="us")
    assert promise.source_message_id == ours[0].id
    assert promise.due is not None

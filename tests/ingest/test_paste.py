"""Pasted conversations: parsed when the layout is known, one message otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from warmline.ingest import Options, paste, read

NOW = datetime(2024, 3, 14, 2, 0, tzinfo=UTC)


def test_a_pasted_whatsapp_conversation_is_parsed_message_by_message(fixtures: Path) -> None:
    messages = list(
        read(fixtures / "paste" / "whatsapp.txt", "paste", Options(zone="Asia/Shanghai"))
    )
    assert [(m.sender_name, m.text) for m in messages] == [
        ("王总", "方案什么时候能给我？"),
        ("林梅", "周一上午 10:00 前发您"),
    ]
    assert {m.channel for m in messages} == {"paste"}
    assert messages[0].sent_at == datetime(2024, 3, 13, 6, 6, tzinfo=UTC)


def test_an_unrecognised_paste_becomes_one_message_with_a_note(fixtures: Path) -> None:
    (msg,) = read(fixtures / "paste" / "plain.txt", "paste", Options(now=NOW))
    assert msg.text == "王总，附件是修改后的方案，请查收。\n有问题随时联系我。"
    assert msg.sent_at == NOW
    assert msg.sender_handle == ""
    assert msg.note == paste.UNRECOGNISED.en


def test_pasting_the_same_text_twice_gives_the_same_id() -> None:
    first = list(paste.parse("Thanks, see you Friday.", now=NOW))
    second = list(paste.parse("Thanks, see you Friday.", now=datetime(2025, 1, 1, tzinfo=UTC)))
    assert first[0].external_id == second[0].external_id


def test_a_pasted_mail_with_headers_is_read_as_mail() -> None:
    text = "From: Anna Lee <anna@northwind.example>\nDate: Tue, 5 Mar 2024 17:30:00 -0500\nSubject: Re: logo\n\nLooks great!\n"
    (msg,) = paste.parse(text, now=NOW)
    assert (msg.sender_handle, msg.text, msg.utc_offset_minutes) == (
        "anna@northwind.example",
        "Looks great!",
        -300,
    )


def test_a_blank_paste_has_no_messages() -> None:
    assert list(paste.parse("  \n \n", now=NOW)) == []

"""Reading client messages with what the book knows, and recording what messages imply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import NOW
from warmline.core.error import WarmlineError
from warmline.services import Services


@pytest.fixture
def book(svc: Services) -> Services:
    """林晓 (Shanghai, UI in Chinese) with 王建国 (Hangzhou, zh) and Anna Lee (London, en)."""
    svc.set_profile(name="林晓", timezone="Asia/Shanghai", ui_language="zh")
    svc.add_client("王建国", timezone="Asia/Shanghai", language="zh")
    svc.add_client("Anna Lee", timezone="Europe/London", language="en")
    svc.add_project("王", "中秋礼盒", start=NOW - timedelta(days=20))
    return svc


ANGRY = (
    "林总，白样结构完全不对！我第一天就跟你讲了两罐并排、中间放杯子。"
    "印厂下周一就要上机，现在怎么办？这么基本的要求都能搞错，我很失望。"
)


def test_an_angry_message_is_read_in_the_clients_context(book: Services) -> None:
    reading = book.read_message(ANGRY, "王")
    assert reading.emotion == "anger"
    assert reading.plan is not None
    reply = reading.plan.reply
    assert reply.startswith("王建国，非常抱歉，“中秋礼盒”这次的交付")
    assert reply.endswith("—— 林晓")
    assert "两罐并排、中间放杯子" in reply
    # NOW is Monday 10:00 in Shanghai: the update is promised for 12:00 there
    assert "周一（11月23日）中午 12:00（北京时间）" in reply
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in s.text) for s in reading.plan.steps)


def test_an_english_client_is_answered_in_english_in_their_zone(book: Services) -> None:
    reading = book.read_message("I'm really disappointed, the invoice is wrong again.", "Anna")
    assert reading.emotion == "anger"
    assert reading.plan is not None
    assert reading.plan.reply.startswith("Hi Anna,")
    # 02:00 in London: an hour after her working day starts
    assert "Mon 23 Nov, 10:00 (London time)" in reading.plan.reply


def test_reading_without_a_client_uses_the_users_zone(book: Services) -> None:
    reading = book.read_message("进度怎么样了？")
    assert reading.status_request
    assert reading.questions == ("进度怎么样了？",)


def test_an_empty_message_is_refused(book: Services) -> None:
    with pytest.raises(WarmlineError, match="empty"):
        book.read_message("  ", "王")


def test_incoming_messages_are_stored_with_what_reading_finds(book: Services) -> None:
    saved = book.log_message("王", "in", "样品什么时候能到？我们很着急", at=NOW)
    assert saved.emotion == "anxiety"
    assert saved.emotion_score is not None and saved.emotion_score > 0.5
    assert saved.questions == ("样品什么时候能到？",)
    assert saved.status_request
    ours = book.log_message("王", "out", "明天上午发您", at=NOW)
    assert ours.emotion is None and ours.questions == ()


def test_hand_logged_messages_record_no_promises_by_themselves(book: Services) -> None:
    book.log_message("王", "out", "我周五前把方案发您", at=NOW)
    assert book.promises("王") == []


def test_a_stored_message_can_be_mined_for_promises_on_request(book: Services) -> None:
    msg = book.log_message("王", "out", "我周五前把方案发您", at=NOW)
    assert msg.id is not None
    promises, deliveries = book.record_from_message(msg.id)
    assert [p.text for p in promises] == ["我周五前把方案发您"]
    assert promises[0].by == "us" and promises[0].source_message_id == msg.id
    assert deliveries == []


def test_an_import_records_promises_and_deliveries_and_a_delivery_keeps_the_promise(
    book: Services, tmp_path: Path
) -> None:
    monday = NOW.strftime("%Y-%m-%d")
    export = tmp_path / "anna.csv"
    export.write_text(
        "timestamp,author,address,message,files\n"
        f'{monday} 09:00,Anna Lee,anna@northwind.example,"Can we see the poster by Wednesday? '
        "I'll send the logo tomorrow.\",\n"
        f'{monday} 09:30,Lin,lin@studio.example,"Sure, I\'ll send the poster by Wednesday 5pm.",\n'
        f'{monday} 17:00,Lin,lin@studio.example,"Here is the poster, please find it attached.",poster_v1.pdf\n',
        encoding="utf-8",
    )
    report = book.import_file(export, zone="Europe/London", me=("Lin",))
    assert report.new == 3
    anna = book.client("Anna")
    ours = book.promises(anna.id, by="us")
    theirs = book.promises(anna.id, by="client")
    assert [p.text for p in theirs] == ["I'll send the logo tomorrow."]
    assert theirs[0].status == "open"
    assert [(p.text, p.status) for p in ours] == [
        ("Sure, I'll send the poster by Wednesday 5pm.", "kept")
    ]
    # whose 5pm? the earlier reading: Wednesday 17:00 in Shanghai, not in London
    assert ours[0].due == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    [delivery] = book.deliverables(anna.id)
    assert delivery.what == "poster_v1.pdf"


def test_old_history_does_not_open_promises(book: Services, tmp_path: Path) -> None:
    export = tmp_path / "old.csv"
    export.write_text(
        "timestamp,author,address,message\n"
        '2025-01-06 09:30,Lin,lin@studio.example,"I\'ll send the poster by Friday."\n',
        encoding="utf-8",
    )
    book.import_file(export, zone="Europe/London", me=("Lin",))
    assert book.promises(book.client("Anna").id) == []


def test_the_plan_can_be_written_in_another_ui_language(book: Services) -> None:
    reading = book.read_message(ANGRY, "王", ui_lang="en")
    assert reading.plan is not None
    assert reading.plan.steps[0].text.startswith("Acknowledge the feeling")
    assert reading.plan.reply.startswith("王建国")  # the reply stays in the client's language

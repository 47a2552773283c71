"""S3 reply due, measured in our working time; T4 keeps unanswered questions open."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.agenda.persona import Book, at
from warmline.agenda import AgendaSettings
from warmline.core.text import is_cjk


def test_a_message_is_not_overdue_just_before_two_working_hours(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 10:00"), "方案收到了吗？")
    [item] = book.agenda(at("2026-11-24 11:59"), kind="reply")
    assert item.principle == "S3"
    assert not item.overdue
    assert item.due == at("2026-11-24 12:00")


def test_it_is_overdue_just_after_two_working_hours(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 10:00"), "方案收到了吗？")
    [item] = book.agenda(at("2026-11-24 12:01"), kind="reply")
    assert item.overdue
    assert item.urgency >= 100


def test_the_target_is_configurable(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 10:00"))
    [item] = book.agenda(at("2026-11-24 10:31"), AgendaSettings(reply_target_hours=0.5))
    assert item.overdue


def test_a_friday_evening_message_ages_only_in_working_time(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-27 17:30"), "周一能给我报价吗？")
    [monday] = book.agenda(at("2026-11-30 10:29"), kind="reply")
    assert not monday.overdue
    [later] = book.agenda(at("2026-11-30 10:31"), kind="reply")
    assert later.overdue


def test_the_national_day_week_does_not_count(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-09-30 17:00"), "节后第一天能开会吗？")
    [item] = book.agenda(at("2026-10-08 09:30"), kind="reply")
    assert item.due == at("2026-10-08 10:00")
    assert not item.overdue


def test_the_swapped_saturday_counts_as_working_time(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-10-09 17:00"), "明天能把合同发我吗？")
    [item] = book.agenda(at("2026-10-10 09:30"), kind="reply")
    assert item.due == at("2026-10-10 10:00")
    assert not item.overdue
    [after] = book.agenda(at("2026-10-10 10:01"), kind="reply")
    assert after.overdue
    # An ordinary Saturday a week later does not count.
    book2 = Book()
    wang2 = book2.wang()
    book2.incoming(wang2, at("2026-10-16 17:00"), "明天能把合同发我吗？")
    [weekend] = book2.agenda(at("2026-10-17 12:00"), kind="reply")
    assert weekend.due == at("2026-10-19 10:00")
    assert not weekend.overdue


def test_our_reply_closes_the_reply_item(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 10:00"), "好的，谢谢")
    book.outgoing(wang, at("2026-11-24 10:20"), "不客气！")
    assert book.agenda(at("2026-11-24 15:00"), kind="reply") == []


def test_a_new_message_after_our_reply_opens_a_new_item(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 10:00"), "好的")
    book.outgoing(wang, at("2026-11-24 10:20"), "收到")
    second = book.incoming(wang, at("2026-11-24 14:00"), "对了，合同盖章了吗？")
    [item] = book.agenda(at("2026-11-24 15:00"), kind="reply")
    assert item.id == f"S3:client:{wang.id}:msg:{second.id}"


def test_an_unrelated_reply_leaves_the_question_open(book: Book) -> None:
    anna = book.anna()
    question = "When will the revised logo be ready?"
    book.incoming(anna, at("2026-11-23 10:00", "America/New_York"), question, questions=(question,))
    book.outgoing(anna, at("2026-11-23 10:30", "America/New_York"), "Thanks Anna, have a nice day!")
    [item] = book.agenda(at("2026-11-24 15:00"), kind="reply")
    assert item.principle == "T4"
    assert question in item.suggested_message or "revised logo" in item.suggested_message
    assert "unanswered" in item.reason.en


def test_a_related_reply_answers_the_question(book: Book) -> None:
    anna = book.anna()
    question = "When will the revised logo be ready?"
    book.incoming(anna, at("2026-11-23 10:00", "America/New_York"), question, questions=(question,))
    book.outgoing(
        anna,
        at("2026-11-23 10:30", "America/New_York"),
        "The revised logo will reach you on Friday 27 Nov by 10:00 New York time.",
    )
    assert book.agenda(at("2026-11-24 15:00"), kind="reply") == []


def test_an_old_question_outside_the_window_is_dropped(book: Book) -> None:
    anna = book.anna()
    q = "Can you send the invoice again?"
    book.incoming(anna, at("2026-10-01 10:00", "America/New_York"), q, questions=(q,))
    book.outgoing(anna, at("2026-10-01 11:00", "America/New_York"), "Happy October!")
    assert book.agenda(at("2026-11-24 15:00"), kind="reply") == []


def test_open_questions_ride_along_with_a_new_message(book: Book) -> None:
    wang = book.wang()
    q = "报价什么时候能发？"
    book.incoming(wang, at("2026-11-23 10:00"), q, questions=(q,))
    book.outgoing(wang, at("2026-11-23 10:10"), "好的，收到")
    book.incoming(wang, at("2026-11-24 09:00"), "另外周四方便开会吗")
    [item] = book.agenda(at("2026-11-24 09:30"), kind="reply")
    assert item.principle == "S3"
    assert "T4" in item.related
    assert "报价什么时候能发" in item.suggested_message


def test_a_sydney_client_can_be_answered_before_our_day_starts(book: Book) -> None:
    liam = book.liam()
    # Monday 23 Nov: 09:30 in Sydney is 06:30 in Shanghai.
    book.incoming(
        liam, at("2026-11-23 09:30", "Australia/Sydney"), "Could we move Thursday's call?"
    )
    now = at("2026-11-23 07:00")  # 10:00 in Sydney; we start at 09:00
    [item] = book.agenda(now, kind="reply")
    assert item.send_at == now
    assert item.client_local_time.hour == 10
    assert item.due == at("2026-11-23 11:00")  # two of *our* working hours
    assert not item.overdue


def test_a_new_york_send_time_follows_daylight_saving(book: Book) -> None:
    anna = book.anna()
    book.incoming(
        anna, at("2026-03-06 16:00", "America/New_York"), "Could you have a look when you can?"
    )
    [item] = book.agenda(at("2026-03-07 09:00"), kind="reply")  # Friday 20:00 in New York
    assert item.send_at == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)  # Monday 09:00 EDT


def test_an_angry_message_outranks_an_older_routine_one(book: Book) -> None:
    chen = book.client("陈经理")
    wang = book.wang()
    book.incoming(chen, at("2026-11-24 09:30"), "下周的排期发我一下")
    book.incoming(wang, at("2026-11-24 10:00"), "怎么又错了？！", emotion="anger")
    first, second = book.agenda(at("2026-11-24 10:30"), kind="reply")
    assert first.client_id == wang.id
    assert "生气" in first.reason.zh
    assert "责任在我们" in first.suggested_message
    assert second.client_id == chen.id


def test_the_draft_is_in_the_clients_language(book: Book) -> None:
    anna, wang = book.anna(), book.wang()
    book.incoming(anna, at("2026-11-24 09:00"), "Quick question: is the logo final?")
    book.incoming(wang, at("2026-11-24 09:00"), "在吗")
    by_client = {i.client_id: i for i in book.agenda(at("2026-11-24 10:00"), kind="reply")}
    assert not any(is_cjk(ch) for ch in by_client[anna.id].suggested_message)
    assert by_client[anna.id].suggested_message.startswith("Hi Anna,")
    assert by_client[wang.id].suggested_message.startswith("王总，您好！")


def test_a_status_request_is_answered_with_an_update(book: Book) -> None:
    wang = book.wang()
    book.project(wang, "品牌手册", at("2026-11-20 09:00"), at("2026-12-18 18:00"))
    book.incoming(wang, at("2026-11-24 10:00"), "进度怎么样了？", status_request=True)
    items = book.agenda(at("2026-11-24 10:30"))
    [reply] = [i for i in items if i.kind == "reply"]
    assert "S2" in reply.related
    assert "品牌手册目前的进展" in reply.suggested_message
    assert [i for i in items if i.kind == "update"] == []


def test_thanks_and_information_need_no_reply(book: Book) -> None:
    wang, emma = book.wang(), book.client("Emma Clarke", "Europe/London", "en")
    book.outgoing(wang, at("2026-11-23 10:00"), "刀版终稿已经发给印厂了")
    book.incoming(wang, at("2026-11-23 10:05"), "好，辛苦林总。")
    book.incoming(wang, at("2026-11-23 17:00"), "白样明天上午到。")
    book.outgoing(emma, at("2026-11-23 10:00"), "Weekly update: the CMS is set up.")
    book.incoming(emma, at("2026-11-23 11:00"), "Thanks Lin. The photos will come after the shoot.")
    assert book.agenda(at("2026-11-24 15:00"), kind="reply") == []


def test_a_request_without_a_question_mark_needs_a_reply(book: Book) -> None:
    chen = book.client("陈静")
    book.incoming(chen, at("2026-11-24 11:21"), "贴纸那个也一起发我看看呗")
    [item] = book.agenda(at("2026-11-24 12:00"), kind="reply")
    assert item.principle == "S3"


def test_a_question_the_coach_has_not_read_is_still_a_question(book: Book) -> None:
    anna = book.anna()
    book.incoming(anna, at("2026-11-24 09:00"), "Loved the draft. Which paper would you pick?")
    [item] = book.agenda(at("2026-11-24 10:00"), kind="reply")
    assert "T4" in item.related
    assert "Which paper would you pick?" in item.suggested_message


def test_a_holding_reply_keeps_the_question_open(book: Book) -> None:
    daniel = book.client("Daniel Kim", "America/New_York", "en")
    q = "What exactly will I have, and when?"
    book.incoming(daniel, at("2026-11-23 09:00", "America/New_York"), f"I'm frustrated. {q}")
    book.outgoing(
        daniel, at("2026-11-23 09:10", "America/New_York"), "Understood, working on it now."
    )
    [item] = book.agenda(at("2026-11-24 10:00"), kind="reply")
    assert item.principle == "T4"
    assert q in item.suggested_message


def test_a_short_dated_commitment_answers_the_question(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-23 10:00"), "报价什么时候能发？")
    book.outgoing(wang, at("2026-11-23 10:05"), "报价周五发您")
    assert book.agenda(at("2026-11-24 10:00"), kind="reply") == []


def test_a_message_from_outside_working_hours_does_not_say_it_waited_zero_hours(
    book: Book,
) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-28 20:00"), "周一能给我报价吗？")  # a Saturday evening
    [early] = book.agenda(at("2026-11-30 08:30"), kind="reply")
    assert "工作时间之外" in early.reason.zh
    assert "outside your working hours" in early.reason.en
    assert " 0 " not in early.reason.zh and "0 working" not in early.reason.en
    [later] = book.agenda(at("2026-11-30 10:00"), kind="reply")
    assert "已等待 1 个工作小时" in later.reason.zh

"""Promises in messages, with their due time (T2), and deliveries (S4)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from warmline.coach.extract import extract_commitments, extract_deliverables, feedback_due

SHANGHAI = "Asia/Shanghai"
LONDON = "Europe/London"


def at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # type: ignore[misc]


# 小李 (Shanghai) writes on Wednesday 25 Nov 2026, 10:00 Beijing time.
SENT = at(SHANGHAI, 2026, 11, 25, 10, 0)


def test_it_finds_our_promise_to_send_the_proposal_by_friday() -> None:
    [promise] = extract_commitments("好的王总，我周五前把方案发您", SENT, SHANGHAI)
    assert promise.due == at(SHANGHAI, 2026, 11, 27, 18, 0)
    assert promise.when == "周五"
    assert not promise.precise
    assert promise.by == "us"


def test_a_promise_with_a_clock_time_is_precise() -> None:
    [promise] = extract_commitments("I'll send the quote by 3 pm tomorrow.", SENT, LONDON)
    assert promise.due == at(LONDON, 2026, 11, 26, 15, 0)
    assert promise.precise
    assert promise.when == "3 pm tomorrow"


def test_will_get_back_on_monday_is_a_promise_without_a_subject() -> None:
    [promise] = extract_commitments("Thanks Anna. Will get back to you on Monday.", SENT, LONDON)
    assert promise.text == "Will get back to you on Monday."
    assert promise.due == at(LONDON, 2026, 11, 30, 18, 0)


def test_the_due_time_is_resolved_in_the_given_zone() -> None:
    [in_shanghai] = extract_commitments("明天下午3点前给您报价", SENT, SHANGHAI)
    [in_new_york] = extract_commitments("明天下午3点前给您报价", SENT, "America/New_York")
    assert in_shanghai.due == at(SHANGHAI, 2026, 11, 26, 15, 0)
    # 10:00 Wednesday in Shanghai is 21:00 Tuesday in New York: its tomorrow is Wednesday
    assert in_new_york.due == at("America/New_York", 2026, 11, 25, 15, 0)


def test_a_promise_without_a_time_has_no_due() -> None:
    [promise] = extract_commitments("稍后回复您", SENT, SHANGHAI)
    assert promise.due is None
    assert promise.when == "稍后"


def test_span_points_at_the_sentence() -> None:
    text = "收到。我们会在周五前发给您。谢谢！"
    [promise] = extract_commitments(text, SENT, SHANGHAI)
    assert text[promise.span[0] : promise.span[1]] == promise.text == "我们会在周五前发给您。"


@pytest.mark.parametrize(
    "text",
    [
        "您周五前发我资料就行",
        "请周五前给我",
        "我们已经发给您了",
        "如果来得及我明天发您",
        "这个我们做不到",
        "能不能明天发我？",
        "We sent it yesterday.",
        "Can you send it by Friday?",
        "I won't be able to make it on Friday.",
        "Thanks!",
    ],
)
def test_requests_refusals_and_past_deeds_are_not_promises(text: str) -> None:
    assert extract_commitments(text, SENT, SHANGHAI) == []


def test_the_client_can_promise_too() -> None:
    [promise] = extract_commitments("我明天把资料发你", SENT, SHANGHAI, by="client")
    assert promise.by == "client"
    assert promise.due == at(SHANGHAI, 2026, 11, 26, 18, 0)


# --- deliveries


def test_attachments_are_deliverables() -> None:
    assert extract_deliverables("See attached.", ["Logo_final.ai"]) == ["Logo_final.ai"]


def test_files_named_in_a_delivery_sentence_are_found() -> None:
    text = "Please find attached the proposal v2.pdf and the budget.xlsx."
    assert extract_deliverables(text) == ["proposal v2.pdf", "budget.xlsx"]


def test_share_links_are_deliverables_but_meeting_links_are_not() -> None:
    assert extract_deliverables("Here is the link: https://drive.google.com/file/d/abc123.") == [
        "https://drive.google.com/file/d/abc123"
    ]
    assert extract_deliverables("Join the call at https://zoom.us/j/123") == []
    assert extract_deliverables("网盘链接：https://pan.baidu.com/s/1xyz 提取码：abcd") == [
        "https://pan.baidu.com/s/1xyz"
    ]


def test_a_delivery_without_a_file_name_is_the_sentence() -> None:
    assert extract_deliverables("王总，设计稿已发送到您邮箱，请查收。") == [
        "王总，设计稿已发送到您邮箱，请查收。"
    ]
    assert extract_deliverables("方案见附件") == ["方案见附件"]


def test_a_promise_to_send_is_not_a_delivery() -> None:
    assert extract_deliverables("I will send the file tomorrow") == []
    assert extract_deliverables("明天把设计稿发给您") == []


def test_a_delivery_that_asks_for_feedback_by_a_day_gives_the_feedback_time() -> None:
    text = "王总，设计稿发您了。请周五前反馈意见。"
    assert feedback_due(text, SENT, SHANGHAI) == at(SHANGHAI, 2026, 11, 27, 18, 0)
    assert feedback_due(
        "Here's the draft. Let me know your thoughts by Monday noon.", SENT, LONDON
    ) == at(LONDON, 2026, 11, 30, 12, 0)


def test_a_delivery_without_a_feedback_time_has_none() -> None:
    assert feedback_due("设计稿发您了，我们周五前发终稿。", SENT, SHANGHAI) is None

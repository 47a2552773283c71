"""Status requests (S2): the client asking how our work stands.

data/status/{zh,en}.jsonl are messages written for this purpose and labelled
first (status_request true or false); the rules in coach/question.py were
widened against them, so the figures below guard against regressions, they
do not measure accuracy on unseen messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warmline.coach.question import find_questions, is_status_request

ROOT = Path(__file__).resolve().parents[2]


def labelled(lang: str) -> list[tuple[str, bool]]:
    path = ROOT / "data" / "status" / f"{lang}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(r["text"], bool(r["status_request"])) for r in rows]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_labelled_status_requests_are_read_with_high_precision_and_recall(lang: str) -> None:
    rows = labelled(lang)
    assert len(rows) >= 100
    tp = sum(1 for text, gold in rows if gold and is_status_request(text, lang))
    fp = sum(1 for text, gold in rows if not gold and is_status_request(text, lang))
    fn = sum(1 for text, gold in rows if gold and not is_status_request(text, lang))
    assert tp / (tp + fp) >= 0.95, (tp, fp)
    assert tp / (tp + fn) >= 0.95, (tp, fn)


@pytest.mark.parametrize(
    "text",
    [
        "进度如何？",
        "到哪一步了",
        "什么时候能好",
        "发票开了没有？",
        "我们的货发出来没有",
        "app现在做到什么程度了",
        "说好的初稿呢？",
        "你好，想问下订单的进度",
        "网站能访问了吗",
        "你们到底还想拖多久？",
        "说好上周五给的方案，到现在连个影子都没有",
    ],
)
def test_chinese_status_requests(text: str) -> None:
    assert is_status_request(text, "zh")


@pytest.mark.parametrize(
    "text",
    [
        "我明天可以发给你",  # the client's own promise
        "我们这边进度有点慢，资料晚两天给你",  # their progress, not ours
        "感谢及时同步进度",  # thanks for an update
        "你最近怎么样了",  # small talk
        "进度款什么时候付？",  # a payment, not the work
        "我们还在等领导审批，先别急",
        "付款流程有点长，可能要拖到月底，不好意思",  # their own delay
        "您别急，拖多久都没关系",
        "到现在连个会议室都订不到",
        "到现在没给房东回复，我今天就回",
    ],
)
def test_chinese_messages_that_are_not_status_requests(text: str) -> None:
    assert not is_status_request(text, "zh")


@pytest.mark.parametrize(
    "text",
    [
        "any update?",
        "Update please.",
        "Where are we on the website copy?",
        "Still waiting for the files.",
        "Still waiting...",
        "Is the site up yet?",
        "Have the flyers been printed?",
        "When's it going live?",
        "Did the order ship yet?",
        "Hi Sam, just a nudge on the contract.",
        "Where's my refund?",
        "Can you tell me exactly when I'll get the files?",
        "Could you let me know when we can expect the first draft?",
        "Please tell me when you'll send the revised quote.",
        "Third reminder. The report, please.",
    ],
)
def test_english_status_requests(text: str) -> None:
    assert is_status_request(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "I'll send you a progress report from our team on Friday.",
        "We're still waiting for approval from our legal team.",
        "I'm still waiting on my boss to sign off, will let you know.",
        "Thanks for the update!",
        "Please update the logo to the new colour.",
        "The status bar is too dark on iPhone.",
        "How was your weekend?",
        "We're making good progress on our side with the copy.",
        "Not yet, I'll check with the team.",
        "Let me know when we can have a call next week.",
        "Let me know when we can have a quick call.",
        "Can you tell me when we can get married at the venue?",
        "When you can send your bank details, I'll pay the deposit straight away.",
        "Second reminder to myself: book the vet!",
        "Your third reminder email came through, thanks, I've now paid.",
    ],
)
def test_english_messages_that_are_not_status_requests(text: str) -> None:
    assert not is_status_request(text, "en")


def test_only_the_sentence_that_asks_is_marked_as_a_status_question() -> None:
    found = find_questions("I'll send the logo tomorrow. Is the site up yet?", "en")
    assert [(q.text, q.status) for q in found] == [("Is the site up yet?", True)]


def test_a_chinese_question_ending_in_meiyou_is_a_question() -> None:
    assert [q.text for q in find_questions("我们的货发出来没有", "zh")] == ["我们的货发出来没有"]

"""Questions the client asked (T4) and status requests (S2)."""

from __future__ import annotations

import pytest

from warmline.coach.question import find_questions, is_question, is_status_request, sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "样品什么时候能到？",
        "发票抬头写公司全称吗",
        "能不能周五前发我",
        "这样可以吧",
        "设计稿改好了没",
        "请问你们支持美元结算",
        "报价大概多少",
        "在吗",
        "Could you send the logo files.",
        "Hi Anna, do you have the source files",
        "When will the samples ship",
        "Let me know if Friday works.",
        "I was wondering if the price includes VAT.",
        "Is that OK?",
    ],
)
def test_it_sees_a_question_even_without_a_question_mark(sentence: str) -> None:
    assert is_question(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "我不知道怎么办。",
        "我们明天开会吧",
        "行吧，就这样。",
        "好的，谢谢！",
        "什么都可以。",
        "When you get a chance, send it over.",
        "Will get back to you on Monday.",
        "What a great job!",
        "Thanks, that works.",
        "Please find the file attached.",
    ],
)
def test_statements_are_not_questions(sentence: str) -> None:
    assert not is_question(sentence)


def test_it_returns_the_question_sentences_of_a_message() -> None:
    text = "王总您好，样品什么时候能到？另外发票抬头写公司全称吗。我们下周开会。"
    found = find_questions(text)
    assert [q.text for q in found] == ["王总您好，样品什么时候能到？", "另外发票抬头写公司全称吗。"]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_sentences_do_not_break_on_decimals_or_titles() -> None:
    text = "Hello Mr. Chen, we need 3.5 kg. Can you ship by Friday"
    assert [text[s:e] for s, e in sentences(text)] == [
        "Hello Mr. Chen, we need 3.5 kg.",
        "Can you ship by Friday",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "进度怎么样了？",
        "到哪一步了",
        "什么时候能好？",
        "有更新吗",
        "设计稿改好了没",
        "还要多久",
        "Any update?",
        "How's it going with the redesign?",
        "Where are we with the invoice",
        "Status?",
        "When will the app be ready?",
        "Are we still on track for Friday?",
    ],
)
def test_it_recognises_a_status_request(text: str) -> None:
    assert is_status_request(text)


@pytest.mark.parametrize(
    "text",
    ["请问发票抬头写什么？", "好的，收到", "Can you send the invoice?", "Thanks for the update!"],
)
def test_other_questions_are_not_status_requests(text: str) -> None:
    assert not is_status_request(text)


def test_a_status_question_is_marked_as_such() -> None:
    found = find_questions("Any update on the quote? Also, do you ship to Norway?")
    assert [(q.text, q.status) for q in found] == [
        ("Any update on the quote?", True),
        ("Also, do you ship to Norway?", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "样品寄出了吗",
        "大概什么时候能发货",
        "有消息了吗",
        "When can we expect the files?",
        "Just following up on the invoice.",
        "Have you had a chance to look?",
        "How is the logo looking?",
    ],
)
def test_it_recognises_indirect_status_requests(text: str) -> None:
    assert is_status_request(text)


def test_our_own_follow_up_is_not_a_status_request() -> None:
    assert not is_status_request("I will follow up with my team.")


@pytest.mark.parametrize(
    "text", ["方案呢？", "周五前能发吗", "怎么还没发", "Where is the invoice?", "Is it done yet?"]
)
def test_short_where_is_it_questions_are_status_requests(text: str) -> None:
    assert is_status_request(text)


@pytest.mark.parametrize("text", ["你呢？", "我们呢要求不高"])
def test_and_you_is_not_a_status_request(text: str) -> None:
    assert not is_status_request(text)

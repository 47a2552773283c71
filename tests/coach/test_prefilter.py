"""The cheap whole-text tests that let reading skip a message never skip one that counts.

`may_ask`, `may_promise` and `may_deliver` look at a whole text at once; the
readers behind them look sentence by sentence. Whenever a sentence is a
question, a promise or a delivery, the whole-text test must say "maybe".
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.coach import extract
from warmline.coach.question import is_question, may_ask, sentences

PIECES = [
    # English asking, promising and delivering words, glued or spaced
    "can you", "Could we", "what", "How's", "any", "is the", "let me know", "please confirm",
    "I'll", "we will", "let me", "send", "get back", "sending", "getting", "ok", "sure,",
    "will send", "the deck", "attached", "here is the", "https://drive.google.com/x", "report.pdf",
    "if", "maybe", "won't", "hi Anna,", "just", "Mr", "3.5", "e.g",
    # Chinese
    "我们", "我", "会", "将", "发", "给", "您", "你", "吗", "呢", "吧", "么", "没", "不", "请问",
    "怎么", "什么时候", "多少", "周五", "明天", "前", "18:00", "方案", "附件", "已发", "请查收",
    "能不能", "是否", "不知道", "好", "对",
    # punctuation, spaces, emoji
    "?", "？", ".", "。", "!", "！", ",", "，", "~", "～", "\n", " ", "  ", "👍", "…", "”",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join) | st.lists(
    st.sampled_from(PIECES), max_size=10
).map(" ".join)


@settings(max_examples=500)
@given(texts, st.sampled_from(["zh", "en"]))
def test_a_text_with_a_question_sentence_may_ask(text: str, lang: str) -> None:
    asks = any(is_question(text[s:e], lang) for s, e in sentences(text))  # type: ignore[arg-type]
    assert may_ask(text, lang) or not asks  # type: ignore[arg-type]


@settings(max_examples=500)
@given(texts, st.sampled_from(["zh", "en"]))
def test_a_text_with_a_promise_sentence_may_promise(text: str, lang: str) -> None:
    check = extract._is_zh_promise if lang == "zh" else extract._is_en_promise
    promises = any(check(text[s:e]) for s, e in sentences(text))
    assert extract.may_promise(text, lang) or not promises  # type: ignore[arg-type]


@settings(max_examples=500)
@given(texts)
def test_a_text_with_a_delivery_sentence_or_link_may_deliver(text: str) -> None:
    delivers = any(
        extract._ZH_DELIVERED.search(part)
        or extract._EN_DELIVERED.search(part)
        or extract._URL.search(part)
        for part in (text[s:e] for s, e in sentences(text))
    )
    assert extract.may_deliver(text) or not delivers
    if not extract.may_deliver(text):  # then only the attachments are delivered
        assert extract.extract_deliverables(text, ["logo.ai", "logo.ai"]) == ["logo.ai"]


def test_the_tests_say_no_to_plain_small_talk() -> None:
    assert not may_ask("好的，收到", "zh") and not may_ask("Thanks, great work.", "en")
    assert not extract.may_promise("收到，谢谢！", "zh")
    assert not extract.may_promise("Looks great to me.", "en")
    assert not extract.may_deliver("Thanks!")
    assert may_ask("方案周五能给我们吗", "zh") and may_ask("Could you send it", "en")
    assert extract.may_promise("我们周五前发您", "zh")
    assert extract.may_promise("I'll send it by Friday", "en")
    assert extract.may_deliver("见附件") and extract.may_deliver("https://example.com/a")

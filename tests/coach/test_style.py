"""Learning a client's style from their own messages (R2)."""

from __future__ import annotations

from statistics import median

from warmline.coach import StyleProfile, learn_style
from warmline.coach.style import count_emoji, measure_length, opening_greeting

# 陈经理 writes formally, in full sentences, always opening with 您好.
CHEN = [
    "您好，方案已收到，请您再调整一下首页的配色，谢谢。",
    "您好，请问您明天上午方便通话吗？",
    "您好，麻烦您周五前把终稿和源文件一起发我，辛苦了。",
    "您好，发票请开公司抬头，烦请尽快。",
]
# Sam writes short, casual English with emoji.
SAM = ["hey! looks cool 😄", "yep that works, thx", "lol ok sure 👍", "cool, send it over 🙌", "np"]


def test_it_learns_a_formal_chinese_client() -> None:
    style = learn_style(CHEN)
    assert style.samples == 4
    assert style.lang == "zh"
    assert style.pronoun == "您"
    assert style.formality > 0.5
    assert style.greeting == "您好"
    assert style.greeting_rate == 1.0
    assert style.emoji_rate == 0.0
    assert style.typical_length == median(measure_length(t) for t in CHEN)


def test_it_learns_a_casual_english_client() -> None:
    style = learn_style(SAM)
    assert style.lang == "en"
    assert style.pronoun == ""
    assert style.formality < -0.5
    assert style.emoji_rate == 0.6
    assert style.typical_length <= 4


def test_nothing_to_learn_from_gives_an_empty_profile() -> None:
    assert learn_style([]) == StyleProfile()
    assert learn_style(["", "   "]).samples == 0


def test_mixed_address_leaves_the_pronoun_open() -> None:
    style = learn_style(["你好，收到", "您好，请您确认", "你看下", "麻烦您了"])
    assert style.pronoun == ""


def test_plural_you_is_not_counted_as_casual() -> None:
    style = learn_style(["请你们尽快确认", "你们的方案不错，请您再看一下", "您好"])
    assert style.pronoun == "您"


def test_it_counts_emoji_of_several_kinds() -> None:
    assert count_emoji("好的😊") == 1
    assert count_emoji("收到[微笑]") == 1
    assert count_emoji("thanks :)") == 1
    assert count_emoji("see 3:30") == 0


def test_it_reads_opening_greetings() -> None:
    assert opening_greeting("您好，方案收到") == "您好"
    assert opening_greeting("Hi Anna, thanks") == "Hi"
    assert opening_greeting("hello!") == "Hello"
    assert opening_greeting("This is fine") == ""
    assert opening_greeting("Hiring update") == ""


def test_length_counts_han_characters_and_latin_words() -> None:
    assert measure_length("PPT 明天发您") == 5
    assert measure_length("I'll send it today.") == 4

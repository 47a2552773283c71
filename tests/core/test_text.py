"""Language detection for mixed chat text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.core.text import Text, as_lang, detect_language, is_cjk


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("PPT 明天发您", "zh"),
        ("OK 好的", "zh"),
        ("王总，deadline 是周五吗？", "zh"),
        ("Hi Anna, the deck is attached.", "en"),
        ("see you at 3pm 👍", "en"),
        ("Thanks! 谢谢", "zh"),
    ],
)
def test_it_tells_chinese_from_english_in_chat_text(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_text_without_letters_falls_back_to_the_default() -> None:
    assert detect_language("👍👍", default="zh") == "zh"


def test_text_pairs_pick_a_language_and_format_both() -> None:
    t = Text("您好，{name}", "Hello, {name}").format(name="Anna")
    assert (t.in_("zh"), t.in_("en"), t.in_("fr")) == ("您好，Anna", "Hello, Anna", "Hello, Anna")
    assert as_lang("zh-CN") == "zh" and as_lang("EN_gb") == "en" and as_lang(None) == "en"


def _counted(text: str, default: str) -> str:
    """The rule detect_language implements, one character at a time."""
    han = sum(1 for ch in text if is_cjk(ch))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if han == 0 and latin == 0:
        return default
    return "zh" if han >= latin / 4 else "en"


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(list("abcXYZ 1.,?！中文发您㐀豈😀éß\n")) | st.characters(),
        max_size=60,
    ),
    st.sampled_from(["zh", "en"]),
)
def test_detection_counts_han_and_ascii_letters_like_a_character_loop(
    text: str, default: str
) -> None:
    assert detect_language(text, default=default) == _counted(text, default)  # type: ignore[arg-type]

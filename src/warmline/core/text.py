"""Bilingual user-facing text. Every user-facing string exists in zh and en."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence in Simplified Chinese and English."""

    zh: str
    en: str

    def in_(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, **values: object) -> Text:
        return Text(zh=self.zh.format(**values), en=self.en.format(**values))


def as_lang(value: str | None, default: Lang = "en") -> Lang:
    """Normalise 'zh-CN', 'zh_Hans', 'EN'... to 'zh' or 'en'."""
    if not value:
        return default
    v = value.strip().lower()
    if v.startswith("zh") or v in {"cn", "chinese", "中文"}:
        return "zh"
    if v.startswith("en") or v == "english":
        return "en"
    return default


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


# The ranges of is_cjk, and what is not an ASCII letter: counted by regex, not per character.
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_NOT_LATIN_LETTERS = re.compile("[^A-Za-z]+")


def detect_language(text: str, default: Lang = "en") -> Lang:
    """'zh' when Han characters make up a fair share of the letters, else 'en'.

    Chat messages mix English words into Chinese ("PPT 明天发您"), so a modest
    share of Han characters is enough to call the text Chinese.
    """
    if text.isascii():  # no Han at all: English as soon as there is one letter
        return "en" if _LATIN_LETTER.search(text) else default
    han = len(_HAN.findall(text))
    latin = len(_NOT_LATIN_LETTERS.sub("", text))
    if han == 0 and latin == 0:
        return default
    # A Han character carries about a word's meaning; weigh Latin letters as ~1/4 word.
    return "zh" if han >= latin / 4 else "en"

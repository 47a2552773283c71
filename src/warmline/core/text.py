"""Bilingual user-facing text. Every user-facing string exists in zh and en."""

from __future__ import annotations

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

"""A client's writing style, learned from their own messages (R2).

Mirroring needs a few numbers, not a model: how formally they address us
(您 or 你; "Dear ... Regards" or "hey ... thx"), how often they use emoji,
whether they open with a greeting, and how long their messages usually are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Literal

from warmline.core.text import Lang, detect_language

Pronoun = Literal["您", "你", ""]

# Pictographs, dingbats, flags, the variation selector; WeChat/QQ codes such as [微笑];
# a few ASCII faces people still type.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2764\ufe0f]"
    r"|\[[\u4e00-\u9fff]{1,4}\]"
    r"|(?<![\w/])(?:[:;]-?[)(DPp]|\^_\^|:3|<3|xD)(?!\w)"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

_GREETING = re.compile(
    r"^\W{0,3}(?P<g>您好|你好|哈喽|哈啰|嗨|早上好|上午好|中午好|下午好|晚上好|早安|早|在吗|亲"
    r"|dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|morning|greetings)(?![A-Za-z])",
    re.IGNORECASE,
)

# Markers that move a message towards formal (+) or casual (-), matched on the
# lower-cased text; English ones as whole words.
_FORMAL = re.compile(
    r"贵司|贵方|烦请|敬请|恳请|劳烦|麻烦您|请您|此致|敬礼|谨此|顺颂|商祺|为盼"
    r"|(?<![a-z0-9])(?:dear|sincerely|regards|kindly|please find|i would like to|i am writing|"
    r"at your earliest convenience|we would appreciate|thank you for your|furthermore|hereby|"
    r"yours faithfully|best wishes)(?![a-z0-9])"
)
_CASUAL = re.compile(
    r"哈哈|嘿嘿|嘻嘻|好哒|好滴|嗯嗯|木有|酱紫|么么|啦|咋|呀|嘛|哦|噢|滴|哒"
    r"|(?<![a-z0-9])(?:hey|hiya|yo|thx|lol|haha|hahaha|btw|gonna|wanna|gotta|yeah|yep|yup|cool|"
    r"awesome|np|no worries|cheers|sure thing|ok|okay|k|lmk|tbh|omg|ya|u|ur|pls|plz)(?![a-z0-9])"
)


@dataclass(frozen=True, slots=True)
class StyleProfile:
    """How a client writes. `samples == 0` means nothing is known yet.

    formality: -1 (casual) .. +1 (formal), 0 when neutral or unknown.
    pronoun: the Chinese second-person pronoun they use with us ("" if unknown or mixed).
    emoji_rate / greeting_rate: share of their messages with an emoji / opening greeting.
    greeting: their most common opening ("您好", "Hi"), "" if they rarely greet.
    typical_length: median length in units (Han characters plus Latin words).
    """

    samples: int = 0
    lang: Lang | None = None
    formality: float = 0.0
    pronoun: Pronoun = ""
    emoji_rate: float = 0.0
    greeting_rate: float = 0.0
    greeting: str = ""
    typical_length: float = 0.0


@lru_cache(maxsize=256)
def measure_length(text: str) -> int:
    """A message's length in units: Han characters plus Latin words and numbers."""
    return len(_HAN.findall(text)) + len(_WORD.findall(text))


def count_emoji(text: str) -> int:
    return len(_EMOJI.findall(text))


def opening_greeting(text: str) -> str:
    """The greeting a message opens with, normalised ("您好", "Hi"), or ""."""
    m = _GREETING.match(text.strip())
    if not m:
        return ""
    g = m.group("g")
    return g if not g.isascii() else g[:1].upper() + g[1:].lower()


def formality_of(text: str) -> float | None:
    """-1 .. +1 from formal and casual markers and the pronoun; None when there are none."""
    low = text.lower()
    formal = len(_FORMAL.findall(low))
    casual = len(_CASUAL.findall(low))
    polite = text.count("您")
    plain = _plain_you(text)
    formal += polite
    casual += plain
    if opening_greeting(text) in ("Dear", "您好"):
        formal += 1
    if formal + casual == 0:
        return None
    return (formal - casual) / (formal + casual)


def pronoun_of(text: str) -> Pronoun:
    """ "您" or "你" when the message addresses the reader with one of them, else ""."""
    polite = text.count("您")
    plain = _plain_you(text)
    if polite > plain:
        return "您"
    if plain > polite:
        return "你"
    return ""


def _plain_you(text: str) -> int:
    # 你们 (plural "you") is used in formal writing too, so it does not count as casual.
    return text.count("你") - text.count("你们")


def learn_style(texts: Iterable[str]) -> StyleProfile:
    """Learn a StyleProfile from the client's own messages (empty ones are ignored)."""
    msgs = [t for t in (x.strip() for x in texts) if t]
    if not msgs:
        return StyleProfile()
    n = len(msgs)
    langs = Counter(detect_language(t) for t in msgs)
    scores = [s for s in (formality_of(t) for t in msgs) if s is not None]
    pronouns = Counter(p for p in (pronoun_of(t) for t in msgs) if p)
    pronoun: Pronoun = ""
    if pronouns:
        top, count = pronouns.most_common(1)[0]
        if count / sum(pronouns.values()) >= 0.7:
            pronoun = top
    greetings = [g for g in (opening_greeting(t) for t in msgs) if g]
    greeting_rate = len(greetings) / n
    greeting = Counter(greetings).most_common(1)[0][0] if greeting_rate >= 0.3 else ""
    return StyleProfile(
        samples=n,
        lang=langs.most_common(1)[0][0],
        formality=round(sum(scores) / len(scores), 3) if scores else 0.0,
        pronoun=pronoun,
        emoji_rate=round(sum(1 for t in msgs if count_emoji(t)) / n, 3),
        greeting_rate=round(greeting_rate, 3),
        greeting=greeting,
        typical_length=float(median(measure_length(t) for t in msgs)),
    )

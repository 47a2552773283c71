"""Named guards: code that can veto a pattern match when the sentence around it shows
the words are used well (a vague time that the same sentence pins down, a difficulty
followed by a middle way, "I don't know" followed by a dated promise to answer).

A guard gets the text and the match span and returns True to drop the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from warmline.coach.fix import INTRADAY_ANCHORS, vague_time_anchor

_CN_NUM = "[一二两三四五六七八九十]{1,3}"
CLOCK = re.compile(
    r"\d{1,2}\s*[:：]\s*\d{2}"
    r"|(?<![\d.])\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m|p\.m)(?![a-z])"
    rf"|(?:上午|下午|早上|晚上|中午|凌晨|傍晚|早晨|今晚|明早|明晚|早|晚)\s*(?:\d{{1,2}}|{_CN_NUM})\s*[点點时]"
    r"|(?<![\d.])\d{1,2}\s*[点點](?![多几])"
    r"|(?<![\d.])\d{1,2}时(?![间候])"
    r"|(?<![a-z])(?:noon|midday|midnight)(?![a-z])|正午|中午12点"
    r"|(?<![a-z])at \d{1,2}(?![\d%])(?!\s*(?:days?|weeks?|percent|people|items))",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DAY = re.compile(
    r"周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<!\d)\d{1,2}\s*[日号](?![本])|今天|明天|后天|今晚|明早|明晚|今早"
    r"|(?<![a-z])(?:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?(?![a-z])"
    r"|(?<![a-z])wednesday|(?<![a-z])saturday|(?<![a-z])thursday|(?<![a-z])tuesday"
    r"|(?<![a-z])(?:today|tomorrow|tonight)(?![a-z])"
    rf"|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?![a-z])"
    rf"|(?<![a-z]){_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)"
    r"|(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])|\d{4}-\d{2}-\d{2}",
    re.IGNORECASE,
)
_ANSWER = re.compile(
    r"答复|回复|回您|告诉您|告知|确认|反馈|给您(?:个)?(?:准信|结果|消息)"
    r"|get back|confirm|let you know|update you|come back to you|answer|reply|respond|follow up",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
_CLAUSE_START = re.compile(r"[。！？!?；;\n，,]|\.(?=\s)")
_ASKS_WHEN = re.compile(
    r"哪天|哪一天|什么时候|几点|哪个时间|什么时间|何时|哪个时段|哪天方便|哪个时间段"
    r"|(?<![a-z])(?:which|what) (?:day|date|time)|(?<![a-z])when (?:would|does|is|are|can|could|will|works?|suits?)"
    r"|what works|(?<![a-z])works? (?:best )?for you\?",
    re.IGNORECASE,
)
_MIDDLE_WAY = re.compile(
    r"可以先|我们可以|能否|可否|要不(?:我们|先|这样)|您看(?:这样)?(?:可以|行|如何|怎么样|是否)|是因为"
    r"|什么时候(?:需要|要用)|最晚|折中|分(?:两|几|批)(?:次|步|个阶段|阶段)?|或者(?:我们)?(?:先|可以)"
    r"|先(?:交|发|给|做|出|上线|提供)|备选|替代|但(?:是)?(?:我们)?可以|不过(?:我们)?可以|可以改(?:成|到|为)"
    r"|how about|what about|could we|would you be open|we could"
    r"|(?<![a-z])we can (?:do|deliver|send|get|have|offer|start|split|ship|share|give)|can we"
    r"|would (?:it|that|this) (?:work|help)|alternatively|instead|in the meantime"
    r"|what'?s (?:driving|behind)|is there a (?:hard )?deadline|when do you (?:need|want)"
    r"|part of it|a first (?:version|draft|cut|part)|partial|(?<![a-z])phase|(?<![a-z])split"
    r"|but (?:we|i) (?:can|could)|but [^.!?]{0,30}(?:works|would work|is fine|is free|is open)"
    r"|how does [^.!?]{0,30} sound|does [^.!?]{0,30} work",
    re.IGNORECASE,
)


def window_around(text: str, start: int, end: int, reach: int = 60) -> tuple[int, int]:
    """The words that qualify a match: back to the start of its clause (at most 24
    characters), forward to the end of its sentence (at most `reach` characters)."""
    left = max(0, start - 24)
    for m in _CLAUSE_START.finditer(text, left, start):
        left = m.end()
    stop = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    right = stop.end() if stop else min(len(text), end + reach)
    return left, right


def pins_time(window: str, intraday: bool) -> bool:
    """A window pins a time: a clock time, and (unless the phrase is intraday) a day."""
    return bool(CLOCK.search(window)) and (intraday or bool(DAY.search(window)))


def precise_time(text: str, start: int, end: int) -> bool:
    """Drop a vague time when its sentence pins the time or asks the client to pick one."""
    left, right = window_around(text, start, end)
    window = text[left:right]
    intraday = vague_time_anchor(text[start:end]) in INTRADAY_ANCHORS
    return pins_time(window, intraday) or bool(_ASKS_WHEN.search(window))


def dated_answer(text: str, start: int, end: int) -> bool:
    """Drop an evasive phrase when a dated promise to answer is next to it (T4 done right):
    a day with a clock time, or a day with a verb of answering ("今天之内回复您")."""
    window = text[max(0, start - 30) : min(len(text), end + 100)]
    return bool(DAY.search(window)) and bool(CLOCK.search(window) or _ANSWER.search(window))


def offers_alternative(text: str, start: int, end: int) -> bool:
    """Drop a difficulty when the draft goes on to ask the need or offer a middle way (S1)."""
    return bool(_MIDDLE_WAY.search(text, end, min(len(text), end + 160)))


Guard = Callable[[str, int, int], bool]

GUARDS: dict[str, Guard] = {
    "precise-time": precise_time,
    "dated-answer": dated_answer,
    "offers-alternative": offers_alternative,
}

"""Small-talk openers for the start of a call (R1), in the client's language.

Built from what we know: a public holiday in their country around the call, the
personal notes we keep about them, their city and the time of day there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from warmline.core.text import Lang


@dataclass(frozen=True, slots=True)
class OpenerFacts:
    lang: Lang
    local_start: datetime  # the call's start in the client's zone
    city: str = ""
    holiday: str = ""  # a public holiday in their country near the call
    holiday_offset_days: int = (
        0  # holiday date minus call date: 0 today, -1 yesterday, 2 in two days
    )
    notes: tuple[str, ...] = ()  # personal notes, newest first


def _clip(note: str, limit: int = 40) -> str:
    text = " ".join(note.split()).rstrip("。.!！")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _holiday(f: OpenerFacts) -> str:
    zh = f.lang == "zh"
    off = f.holiday_offset_days
    if off == 0:
        return (
            f"今天是{f.holiday}，还抽时间跟我们通话，谢谢！今天有什么安排吗？"
            if zh
            else f"It's {f.holiday} today — thanks for making time. Any plans for the day?"
        )
    if off < 0:
        return (
            f"{f.holiday}刚过，假期过得怎么样？"
            if zh
            else f"How was {f.holiday}? Did you get some time off?"
        )
    return (
        f"马上就是{f.holiday}了，有什么安排吗？" if zh else f"{f.holiday} is coming up — any plans?"
    )


def _note(f: OpenerFacts, note: str) -> str:
    clip = _clip(note)
    return (
        f"上次聊到「{clip}」，后来怎么样了？"
        if f.lang == "zh"
        else f'Last time you mentioned "{clip}" — how did that go?'
    )


def _place_and_time(f: OpenerFacts) -> str:
    zh = f.lang == "zh"
    hour, weekday = f.local_start.hour, f.local_start.weekday()
    where = f.city or ("您那边" if zh else "your side")
    if weekday == 4 and hour >= 12:
        return (
            f"{where}已经是周五下午了，周末有什么计划吗？"
            if zh
            else f"It's Friday afternoon in {where} — any plans for the weekend?"
        )
    if weekday == 0 and hour < 12:
        return (
            f"{where}是周一上午，周末过得好吗？"
            if zh
            else f"Monday morning in {where} — did you have a good weekend?"
        )
    if hour < 10:
        return (
            f"{where}现在还是早上，这是您今天的第一个会吧？"
            if zh
            else f"It's still early in {where} — are we your first call today?"
        )
    if hour >= 17:
        return (
            f"{where}已经傍晚了，谢谢您下班前抽时间。"
            if zh
            else f"It's getting late in {where} — thanks for fitting us in at the end of your day."
        )
    if f.city:
        return f"{f.city}这几天天气怎么样？" if zh else f"How's the weather in {f.city} this week?"
    return "最近忙吗？" if zh else "How has your week been so far?"


def openers(facts: OpenerFacts, limit: int = 3) -> tuple[str, ...]:
    """Two or three openers, most personal first."""
    found: list[str] = []
    if facts.holiday:
        found.append(_holiday(facts))
    for note in facts.notes:
        if len(found) >= limit - 1:
            break
        if note.strip():
            found.append(_note(facts, note))
    found.append(_place_and_time(facts))
    return tuple(found[:limit])

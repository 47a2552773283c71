"""Read an incoming client message (METHOD.md, "Reading the client").

    read(text, ctx) -> Reading

A Reading holds the emotion and its score, the cues behind it, the questions
asked (T4), whether the client asks for a status update (S2), requests that
admit several readings with a confirming question in the client's language
(C3), the promises the client made (T2), and for an angry message the
six-step response plan with a drafted reply (coach/plan.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from warmline.coach.emotion import classify
from warmline.coach.extract import Promise, extract_commitments
from warmline.coach.plan import ResponsePlan, build_plan, find_impact
from warmline.coach.question import find_questions, is_status_request, sentences
from warmline.core.message import Emotion
from warmline.core.text import Lang, as_lang, detect_language
from warmline.core.timeexpr import find_times
from warmline.core.workcal import WorkCalendar


@dataclass(frozen=True, slots=True)
class ReadContext:
    """Who wrote, to whom, and when (`now`, aware, is when the message arrived)."""

    now: datetime
    lang: Lang | None = None  # the message's language; None detects it
    ui_lang: Lang = "en"  # the user's language, for the plan's steps
    client_name: str = ""
    client_zone: str = "UTC"
    user_name: str = ""
    project: str = ""
    user_zone: str = "UTC"
    client_country: str = ""  # for public holidays; "" derives it from the zone


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """Words that admit several readings, and a question that settles them (C3)."""

    text: str
    question: str
    kind: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Reading:
    lang: Lang
    emotion: Emotion
    score: float
    cues: tuple[str, ...]
    questions: tuple[str, ...]
    status_request: bool
    ambiguities: tuple[Ambiguity, ...]
    client_promises: tuple[Promise, ...]
    plan: ResponsePlan | None

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape documented in docs/reading.md."""
        return {
            "lang": self.lang,
            "emotion": {"label": self.emotion, "score": round(self.score, 3)},
            "cues": list(self.cues),
            "questions": list(self.questions),
            "status_request": self.status_request,
            "ambiguities": [
                {"text": a.text, "question": a.question, "kind": a.kind} for a in self.ambiguities
            ],
            "client_promises": [
                {"text": p.text, "due": _iso(p.due), "when": p.when, "precise": p.precise}
                for p in self.client_promises
            ],
            "plan": None
            if self.plan is None
            else {
                "steps": [{"principle": s.principle, "text": s.text} for s in self.plan.steps],
                "reply": self.plan.reply,
                "reply_lang": self.plan.reply_lang,
                "next_update": _iso(self.plan.next_update),
            },
        }


def _iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- ambiguity

# (pattern, kind, zh question, en question); {match} is the client's words.
_Rule = tuple[re.Pattern[str], str, str, str]

_STYLE_ZH = (
    "您说的“{match}”，具体是指哪方面：颜色、字体、排版还是图片？方便发一两个您喜欢的参考吗？"
)
_STYLE_EN = (
    "When you say “{match}”, do you mean colours, type, layout or imagery? "
    "One or two examples you like would help us get it right."
)
_TIME_ZH = "您说的“{match}”，最晚是哪一天、几点需要？给我一个具体时间，我按这个排期。"
_TIME_EN = (
    "You mentioned “{match}”: what is the latest date and time that works for you? I'll plan to it."
)

_ZH_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(p), kind, zh, en)
    for p, kind, zh, en in (
        (
            r"换(?:一|个|一个)?(?:款|种|个产品|款产品|个型号|型号)|换成别的|换个别的|换个其他|换一家的",
            "product",
            "您是想换成同一产品的另一种款式，还是换成另一个产品？",
            "Do you mean another style of the same product, or a different product altogether?",
        ),
        (
            r"换(?:个|一个|一下)?颜色|颜色(?:换|改)(?:一下|掉|了)?|(?:换|改)个色|换个色系",
            "colour",
            "您想换成什么颜色？方便发一个色号或参考图吗？",
            "Which colour would you like instead? A colour code or a reference image would help.",
        ),
        (
            r"(?:简单|简洁|大气|高端|高级|年轻|活泼|时尚|现代|洋气|醒目|突出|专业|干净|清爽|温馨|可爱|正式|国际化|"
            r"鲜艳|低调|稳重|亮眼|精致|有趣|好看|炫)(?:一点|一些|点儿?|些)|(?:更|再)(?:简单|简洁|大气|高端|高级|"
            r"年轻|活泼|时尚|现代|洋气|醒目|突出|专业|干净|清爽|鲜艳|低调|稳重|亮眼|精致|好看)|有(?:感觉|质感|档次|"
            r"调性|冲击力)一?点?|不够(?:大气|高端|高级|专业|好看|突出|醒目|精致)",
            "style",
            _STYLE_ZH,
            _STYLE_EN,
        ),
        (
            r"(?:放大|缩小|(?:调|改|弄)(?:大|小)|(?:大|小|宽|窄|粗|细)(?:一点|一些|点儿?))(?!.{0,4}(?:\d|倍|%|号|像素|px|厘米|cm|毫米|mm))",
            "size",
            "“{match}”是指整体还是某个元素（比如标题或 logo）？大概要调多少？",
            "“{match}”: the whole design or one element (the title, the logo)? Roughly how much?",
        ),
        (
            r"(?:跟|和|按|照)(?:上次|之前|以前|原来|上一版|老的)(?:一样|那样|的来|的)?|老样子|照旧|老规矩",
            "reference",
            "您说的“{match}”，是指哪一次的版本（大概日期或文件名）？我核对一下，避免弄错。",
            "Just to be sure: “{match}” means which version exactly (a date or file name)?",
        ),
        (
            r"你们看着办|你们定|你们决定|你看着弄|你看着办|随便|都行|都可以|差不多就行",
            "delegated",
            "为了不返工，我先给您一个具体方案确认一下，可以吗？",
            "To avoid rework, I'll propose one concrete option for you to confirm. Is that OK?",
        ),
        (
            r"(?:改|调|动|修|优化|完善|调整|修改)(?:一下|改|调|动)(?![^，。！？!?]{0,6}(?:成|为|到|换成|改成))",
            "change",
            "您希望具体改哪一部分、改成什么样？列几条给我，我一次改到位。",
            "Which parts would you like changed, and how? A short list helps us get it right first time.",
        ),
    )
)

_EN_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(p, re.IGNORECASE), kind, zh, en)
    for p, kind, zh, en in (
        (
            r"\b(?:change|switch|swap)(?: out)? (?:the |this |our )?(?:product|item|model)\b|"
            r"\b(?:another|a different) (?:product|model|item)\b|\bchange (?:it|this) to (?:another|a different) one\b",
            "product",
            "您是想换成同一产品的另一种款式，还是换成另一个产品？",
            "Do you mean another style or version of the same product, or a different product altogether?",
        ),
        (
            r"\b(?:change|switch) (?:the )?colou?rs?\b|\b(?:a |another |different )colou?r\b",
            "colour",
            "您想换成什么颜色？方便发一个色号或参考图吗？",
            "Which colour would you like instead? A colour code or a reference image would help.",
        ),
        (
            r"\bmake (?:it|this|them|the \w+) pop\b|\bpop more\b|\bmore pop\b|\bmore (?:punch|wow|impact|oomph|energy)\b|"
            r"\b(?:more|less) (?:modern|professional|premium|elegant|fun|playful|corporate|clean|minimal|bold|fresh|"
            r"edgy|friendly|sophisticated|luxurious|youthful|serious|dynamic|vibrant|creative|upbeat|polished|sleek)\b|"
            r"\bsomething (?:more )?(?:modern|fresher|cleaner|bolder|simpler|nicer|better|different|edgier|sleeker|else)\b|"
            r"\b(?:a bit|slightly|somewhat|a little) (?:more )?(?:modern|fresher|cleaner|bolder|simpler|nicer|edgier|"
            r"sleeker|punchier|warmer|cooler)\b|\b(?:cleaner|fresher|bolder|sleeker|punchier|snappier)\b",
            "style",
            _STYLE_ZH,
            _STYLE_EN,
        ),
        (
            r"\b(?:bigger|smaller|larger|wider|narrower|taller|shorter)\b(?!\s*(?:by|than)\b)",
            "size",
            "“{match}”是指整体还是某个元素（比如标题或 logo）？大概要调多少？",
            "“{match}”: the whole design or one element (the title, the logo)? Roughly how much?",
        ),
        (
            r"\b(?:the usual|same as (?:last time|before|usual|the last one)|like (?:last time|before)|as before|"
            r"the same as last time)\b",
            "reference",
            "您说的“{match}”，是指哪一次的版本（大概日期或文件名）？我核对一下，避免弄错。",
            "Just to be sure: “{match}” means which version or order exactly (a date or file name)?",
        ),
        (
            r"\b(?:whatever you think|up to you|your call|you decide|whatever works|surprise me)\b",
            "delegated",
            "为了不返工，我先给您一个具体方案确认一下，可以吗？",
            "To avoid rework, I'll propose one concrete option for you to confirm. Is that OK?",
        ),
        (
            r"\b(?:tweak|adjust|change|fix|improve|polish|rework|redo|tidy up|clean up) (?:it|this|that|things|them)"
            r"(?: up)?(?: a bit| a little| slightly| a touch)?\b(?!\s+(?:to|so|by|into|with)\b)|"
            r"\b(?:a few|some|a couple of) (?:changes|tweaks|edits|adjustments|fixes)\b",
            "change",
            "您希望具体改哪一部分、改成什么样？列几条给我，我一次改到位。",
            "Which parts would you like changed, and how? A short list helps us get it right first time.",
        ),
    )
)

_VAGUE_TIME_KINDS = frozenset({"soon", "few_days", "someday", "later", "week", "weekend"})

_ZH_REQUEST = re.compile(
    r"请|麻烦|帮(?:我|忙)|需要|希望|想要|想把|要把|(?:改|换|加|删|去掉|调整|补充|替换|移到|放到)|能不能|可不可以|记得|别忘了|还有|另外"
)
_EN_REQUEST = re.compile(
    r"\b(?:please|can you|could you|would you|will you|we need|i need|i'd like|we'd like|would like|make sure|"
    r"don't forget|let's)\b|^(?:also,?\s+|and\s+)?(?:change|add|remove|update|replace|move|send|include|drop|swap|"
    r"use|make|put|delete|fix|resize|switch)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.、)）]|[-*•·]|[一二三四五六七八九十][、.])\s*", re.MULTILINE)


def _requests(text: str, lang: Lang) -> list[str]:
    """The request sentences or list items of a message, shortened."""
    pattern = _ZH_REQUEST if lang == "zh" else _EN_REQUEST
    items: list[str] = []
    lines = [ln for ln in text.splitlines() if ln.strip()]
    listed = [ln for ln in lines if _LIST_ITEM.match(ln)]
    pieces = listed if len(listed) >= 2 else [text[s:e] for s, e in sentences(text)]
    for piece in pieces:
        clean = _LIST_ITEM.sub("", piece).strip().rstrip("。.!！;；")
        if clean and (piece in listed or pattern.search(clean)):
            items.append(_shorten(clean, lang))
    return items


def _shorten(sentence: str, lang: Lang) -> str:
    limit = 30 if lang == "zh" else 90
    s = re.sub(
        r"^(?:请|麻烦(?:您|你)?|帮(?:我|忙)|另外|还有|please|also|and)[，,\s]*",
        "",
        sentence,
        flags=re.IGNORECASE,
    )
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _restate(items: list[str], lang: Lang) -> str:
    if lang == "zh":
        listed = "；".join(f"{i}）{item}" for i, item in enumerate(items, 1))
        return f"在动手之前，我先复述一下您的需求：{listed}。我理解得对吗？"
    listed = "; ".join(f"{i}) {item}" for i, item in enumerate(items, 1))
    return f"Before we start, let me make sure I have it all: {listed}. Did I get that right?"


def find_ambiguities(text: str, lang: Lang, now: datetime, zone: str) -> tuple[Ambiguity, ...]:
    """Requests that admit several readings, each with a confirming question in
    the client's language `lang` (C3); and a restatement for long requests."""
    found: list[Ambiguity] = []
    taken: list[tuple[int, int]] = []
    rules = _ZH_RULES if lang == "zh" else _EN_RULES
    for pattern, kind, zh, en in rules:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            question = (zh if lang == "zh" else en).format(match=m.group())
            found.append(Ambiguity(m.group(), question, kind, m.start(), m.end()))
            break  # one question per kind is enough
    for mention in find_times(text, now, zone, lang):
        if mention.vague_kind in _VAGUE_TIME_KINDS:
            question = (_TIME_ZH if lang == "zh" else _TIME_EN).format(match=mention.text)
            found.append(Ambiguity(mention.text, question, "time", mention.start, mention.end))
            break
    requests = _requests(text, lang)
    long_text = len(text) > (80 if lang == "zh" else 300)
    if len(requests) >= 3 or (len(requests) >= 2 and long_text):
        found.append(Ambiguity(text.strip(), _restate(requests, lang), "restate", 0, len(text)))
    found.sort(key=lambda a: (a.kind == "restate", a.start))
    return tuple(found)


# --------------------------------------------------------------------------- reading


def read(text: str, ctx: ReadContext) -> Reading:
    """Read one incoming client message."""
    if ctx.now.tzinfo is None:
        raise ValueError("naive datetime: pass an aware `now`")
    lang: Lang = as_lang(ctx.lang) if ctx.lang else detect_language(text)
    affect = classify(text, lang)
    plan = None
    if affect.label == "anger":
        plan = build_plan(
            text,
            now=ctx.now,
            client_lang=lang,
            ui_lang=ctx.ui_lang,
            client_name=ctx.client_name,
            client_zone=ctx.client_zone,
            user_name=ctx.user_name,
            user_zone=ctx.user_zone,
            project=ctx.project,
            impact=find_impact(text, lang),
            calendar=WorkCalendar(timezone=ctx.client_zone, country=ctx.client_country),
        )
    return Reading(
        lang=lang,
        emotion=affect.label,
        score=affect.score,
        cues=tuple(c.text for c in affect.cues),
        questions=tuple(q.text for q in find_questions(text, lang)),
        status_request=is_status_request(text, lang),
        ambiguities=find_ambiguities(text, lang, ctx.now, ctx.client_zone),
        client_promises=tuple(
            extract_commitments(text, ctx.now, ctx.client_zone, lang, by="client")
        ),
        plan=plan,
    )

"""Detectors for rules that need code: length against the client's norm (C2), tone
against their style (R2), their open questions (T4), a cold thread (R3), and the
draft model's reading of C1, T4, S1 and C4 (coach/draftmodel.py).

Each rule still has a YAML file with its message, suggestion and examples; the file
names the detector (`kind: python`, `detector: tone`) or is a `kind: length` rule.
A detector returns hits: a span plus the values its message and suggestion use.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from warmline.coach import draftmodel
from warmline.coach.context import CheckContext
from warmline.coach.fix import formatted, next_working_close, pin_day, resolve_vague_time
from warmline.coach.guard import CLOCK, DAY
from warmline.coach.pattern import join, lowered
from warmline.coach.style import (
    count_emoji,
    formality_of,
    measure_length,
    opening_greeting,
    pronoun_of,
)
from warmline.core.scan import ScanSet
from warmline.core.text import Lang, Text
from warmline.core.timeexpr import find_times

if TYPE_CHECKING:
    from warmline.coach.rule import Rule


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)


DetectFunction = Callable[[str, Lang, CheckContext, "Rule"], list[Hit]]


@dataclass(frozen=True, slots=True)
class Detector:
    """A named detector. `provides`: the placeholders its hits fill. `per_principle`:
    when set, the detector serves only these principles and fills, for each, only the
    placeholders listed. A `secondary` detector adds a finding only to a draft where
    no phrase rule already flagged the same principle (at the same level or above).
    A detector that `reads_exceptions` takes the rule's `exceptions` patterns."""

    name: str
    provides: frozenset[str]
    run: DetectFunction
    per_principle: Mapping[str, frozenset[str]] | None = None
    secondary: bool = False
    reads_exceptions: bool = False


def whole(text: str) -> tuple[int, int]:
    """The span of a draft without its surrounding whitespace."""
    stripped = text.strip()
    if not stripped:
        return 0, 0
    start = text.index(stripped[0])
    return start, start + len(stripped)


def _pick(ui: Lang, zh: str, en: str) -> str:
    return Text(zh, en).in_(ui)


# --- C2: length ------------------------------------------------------------------------


def verbosity(text: str, lang: Lang, ctx: CheckContext, rule: Rule) -> list[Hit]:
    """A draft longer than `ratio` x the client's typical length (at least `floor`),
    or, when their style is unknown, longer than max_zh / max_en units."""
    style = ctx.style
    ui = ctx.ui_lang
    if style is not None and style.samples >= rule.param("min_samples", 3) and style.typical_length:
        limit = max(rule.param("ratio", 3) * style.typical_length, rule.param("floor", 40))
        typical = _pick(
            ui,
            f"这位客户通常只写约 {style.typical_length:.0f} 字；",
            f"this client usually writes about {style.typical_length:.0f}; ",
        )
    else:
        limit = rule.param("max_zh" if lang == "zh" else "max_en", 150)
        typical = ""
    if len(text) <= limit:  # a unit is at least one character
        return []
    length = measure_length(text)
    if length <= limit:
        return []
    start, end = whole(text)
    return [Hit(start, end, {"length": str(length), "limit": f"{limit:.0f}", "typical": typical})]


# --- R2: tone --------------------------------------------------------------------------


def tone(text: str, lang: Lang, ctx: CheckContext, rule: Rule) -> list[Hit]:
    """Score how far the draft is from the client's style; hint when the score is >= 2.

    Dimensions: address (您/你, formal/casual markers), emoji, length, greeting. Once
    the relationship is established, being warmer or more casual than the client is
    never held against the draft (R3).
    """
    style = ctx.style
    if style is None or style.samples < rule.param("min_samples", 3):
        return []
    ui = ctx.ui_lang
    reasons: list[str] = []
    advice: list[str] = []
    weight = 0
    span: tuple[int, int] | None = None
    # Each dimension is measured only when the client's style can make it count.
    length = measure_length(text) if style.typical_length or style.greeting else 0

    mine = pronoun_of(text) if style.pronoun else ""
    if style.pronoun == "您" and mine == "你" and not ctx.established:
        weight += 2
        reasons.append(
            _pick(ui, "对方称呼用「您」，草稿用「你」", "they write 您, your draft says 你")
        )
        advice.append(_pick(lang, "称呼改用「您」", "address them with 您"))
        m = re.search("你(?!们)", text)
        if m:
            span = (m.start(), m.end())
    elif style.pronoun == "你" and mine == "您":
        weight += 1
        reasons.append(_pick(ui, "对方用「你」，草稿用「您」", "they write 你, your draft says 您"))
        advice.append(_pick(lang, "可以用「你」，更亲近", "use 你 as they do"))
    elif style.formality:
        score = formality_of(text)
        if score is not None and abs(score - style.formality) >= 1.0:
            if score > style.formality:
                weight += 1
                reasons.append(
                    _pick(
                        ui,
                        "对方写得随意，草稿很正式",
                        "they write casually, your draft is very formal",
                    )
                )
                advice.append(_pick(lang, "语气放轻松一些", "relax the tone a little"))
            elif not ctx.established:
                weight += 1
                reasons.append(
                    _pick(
                        ui, "对方写得正式，草稿很随意", "they write formally, your draft is casual"
                    )
                )
                advice.append(_pick(lang, "语气正式一些", "make the tone more formal"))

    emoji = count_emoji(text) if style.emoji_rate >= 0.4 or style.emoji_rate == 0 else 0
    if style.emoji_rate >= 0.4 and emoji == 0 and measure_length(text) >= 8:
        weight += 1
        reasons.append(
            _pick(ui, "对方常用表情，草稿没有", "they often use emoji, your draft has none")
        )
        advice.append(_pick(lang, "可以加一个表情", "add an emoji"))
    elif style.emoji_rate == 0 and emoji and not ctx.established:
        weight += 1
        reasons.append(_pick(ui, "对方从不用表情", "they never use emoji"))
        advice.append(_pick(lang, "去掉表情", "drop the emoji"))

    typical = style.typical_length
    if typical and length >= 3 * typical and length >= 20:
        weight += 1
        reasons.append(
            _pick(
                ui,
                f"草稿长度是对方平时的 {length / typical:.0f} 倍",
                f"your draft is {length / typical:.0f}x their usual length",
            )
        )
        advice.append(
            _pick(
                lang, f"压缩到 {typical * 2:.0f} 字以内", f"cut it to about {typical * 2:.0f} words"
            )
        )
    elif typical >= 30 and length * 4 <= typical:
        weight += 1
        reasons.append(
            _pick(ui, "对方写得很详细，草稿过于简短", "they write at length, your draft is curt")
        )
        advice.append(_pick(lang, "多写一两句说明", "add a sentence or two of context"))

    if (
        style.greeting
        and style.greeting_rate >= 0.7
        and not opening_greeting(text)
        and length >= 10
    ):
        weight += 1
        reasons.append(
            _pick(ui, f"对方习惯以「{style.greeting}」开头", f"they open with “{style.greeting}”")
        )
        advice.append(_pick(lang, f"开头加上「{style.greeting}」", f"open with “{style.greeting}”"))

    if weight < 2:
        return []
    start, end = span or whole(text)
    sep_ui = "；" if ui == "zh" else "; "
    sep = "，" if lang == "zh" else ", "
    return [Hit(start, end, {"reasons": sep_ui.join(reasons), "advice": sep.join(advice)})]


# --- T4 / C3: unanswered questions -------------------------------------------------------

_EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "about",
        "into",
        "over",
        "after",
        "before",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "its",
        "our",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "any",
        "some",
        "please",
        "pls",
        "could",
        "kindly",
        "just",
        "also",
        "still",
        "yet",
        "already",
        "ok",
        "okay",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
        "not",
        "no",
        "yes",
        "get",
        "got",
        "let",
        "know",
        "see",
        "want",
        "need",
        "like",
        "send",
        "sent",
        "make",
        "made",
        "give",
        "go",
        "going",
    ]
)
_ZH_STOP = set(
    "的了吗呢吧啊呀么嘛是不在有和与及或就都也还又再您你我他她它们这那哪些个请问能可以会要想给把被让对跟到说做什么怎么多少几时候是否有没有没"
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*|\d+(?:[.:]\d+)?")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_YES_NO_START = re.compile(
    r"^\W{0,3}(?:好的|好|可以|没问题|是的|是|对|对的|行|当然|已经|还没|不行|不可以|暂时不|"
    r"yes|yeah|yep|sure|of course|absolutely|definitely|no(?![a-z])|not yet|certainly|done)",
    re.IGNORECASE,
)


def _stem(word: str) -> str:
    """A crude English stem, enough to match "invoices" with "invoice", "changed" with "change"."""
    w = word.lower().replace("’", "'")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    else:
        for suffix in ("'s", "ing", "ed", "s"):
            if w.endswith(suffix) and not w.endswith("ss") and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


@lru_cache(maxsize=1024)
def key_terms(text: str) -> frozenset[str]:
    """Content words (stemmed) and Chinese character pairs without function characters."""
    terms = {
        _stem(w)
        for w in _LATIN_WORD.findall(text)
        if (len(w) >= 3 or w.isdigit()) and w.lower() not in _EN_STOP
    }
    for run in _HAN_RUN.findall(text):
        kept = [c if c not in _ZH_STOP else " " for c in run]
        for a, b in itertools.pairwise(kept):
            if a != " " and b != " ":
                terms.add(a + b)
    return frozenset(terms)


_YES_NO_QUESTION = re.compile(
    r"[吗么嘛][？?]?\s*$|(?:没有|没|不)[？?]\s*$|(.)[不没]\1|可不可以|能不能|是不是|有没有|行不行|好不好"
    r"|^\W{0,3}(?:can|could|will|would|is|are|am|do|does|did|have|has|had|should|shall|may|might|"
    r"was|were|any chance|ok|okay)(?![a-z])",
    re.IGNORECASE,
)


def is_yes_no(question: str) -> bool:
    """A question that "yes"/"no" answers (吗 questions, A不A, "Can you...?")."""
    return bool(_YES_NO_QUESTION.search(question.strip()))


_ASKS_WHEN = re.compile(
    r"什么时候|啥时候|几点|哪天|哪一天|何时|多久|多长时间|几天|进度"
    r"|(?<![a-z])(?:when|what time|which day|what day|how long|how soon|eta|by when)(?![a-z])",
    re.IGNORECASE,
)
_ASKS_AMOUNT = re.compile(
    r"多少|价格|价钱|费用|报价|几个|几份|几件"
    r"|(?<![a-z])(?:how much|how many|price|cost|quote|fee|budget|total)(?![a-z])",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万]+(?:个|件|份|元|块|天)")
_TIME_WORD = re.compile(
    r"今天|明天|后天|周末|下周|月底|马上|稍后|晚点|尽快"
    r"|(?<![a-z])(?:today|tomorrow|tonight|weekend|next week|asap|soon|later)(?![a-z])",
    re.IGNORECASE,
)


def answers(draft: str, question: str, only_question: bool) -> bool:
    """A cheap test that the draft addresses a question: it contains one of the
    question's key terms (a substring test, so "invoic" finds "invoicing"); or the
    question asks when and the draft names a time, or asks how much and the draft
    gives a number (for a lone question); or (the only open question, a yes/no one)
    it opens with yes or no."""
    low = draft.lower()
    terms = key_terms(question)
    if any(term in low for term in terms):
        return True
    # A time or a number could answer any of several questions: trust it only when
    # this is the one question, or one with nothing else to go by.
    if only_question or not terms:
        if _ASKS_WHEN.search(question) and (
            DAY.search(draft) or CLOCK.search(draft) or _TIME_WORD.search(draft)
        ):
            return True
        if _ASKS_AMOUNT.search(question) and _NUMBER.search(draft):
            return True
    return only_question and is_yes_no(question) and bool(_YES_NO_START.match(draft.strip()))


def open_questions(text: str, lang: Lang, ctx: CheckContext, rule: Rule) -> list[Hit]:
    questions = [q.strip() for q in ctx.open_questions if q.strip()]
    unanswered = [q for q in questions if not answers(text, q, len(questions) == 1)]
    if not unanswered:
        return []
    by = next_working_close(ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end)
    by_text = formatted(by, ctx.client_zone, lang)
    return [Hit(0, 0, {"question": q, "by": by_text}) for q in unanswered]


# --- R3: a long, cold thread -----------------------------------------------------------------

_WARM = re.compile(
    r"愉快|快乐|祝您|祝你|辛苦了|哈哈|嘿嘿|天气|假期|放假|节日|身体|休息|保重|加油|恭喜|生日|"
    r"过得怎么样|最近好吗|好久不见|注意身体"
    r"|(?<![a-z])(?:hope|enjoy|congrat\w*|happy|birthday|weather|take care|haha|lol|how are you|"
    r"how was|how's|holiday|vacation|weekend|have a (?:great|good|nice|lovely))",
    re.IGNORECASE,
)


def has_human_moment(text: str) -> bool:
    """A message with a warm, personal touch: wishes, thanks, small talk, an emoji."""
    return bool(_WARM.search(text)) or count_emoji(text) > 0


def cold_thread(text: str, lang: Lang, ctx: CheckContext, rule: Rule) -> list[Hit]:
    if ctx.thread_has_human_moment or ctx.thread_length < rule.param("min_thread", 8):
        return []
    if has_human_moment(text):
        return []
    if ctx.notes:
        note = ctx.notes[0].strip().rstrip("。.!！")
        opener = _pick(
            lang,
            f"对了，上次您提到「{note}」，后来怎么样？",
            f"By the way, you mentioned “{note}” last time. How did it go?",
        )
    else:
        opener = _pick(lang, "这段时间辛苦了，祝您周末愉快！", "Hope your week is going well!")
    return [Hit(0, 0, {"opener": opener, "turns": str(ctx.thread_length)})]


# --- C1, T4, S1, C4: the draft model ---------------------------------------------------

_DAY_KINDS = frozenset({"no_clock", "part_of_day"})


def _exact_time(
    text: str, span: tuple[int, int], lang: Lang, ctx: CheckContext
) -> tuple[int, int, str]:
    """C1: the vague time expression in the sentence (core.timeexpr) and the exact
    time it most likely means; without one, the sentence and a date by which to
    confirm the time."""
    start, end = span
    args = (ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end)
    for m in find_times(text[start:end], ctx.now, ctx.client_zone, lang):
        if m.vague_kind is None:
            continue
        resolve = pin_day if m.vague_kind in _DAY_KINDS else resolve_vague_time
        when = formatted(resolve(m.text, *args), ctx.client_zone, lang)
        return start + m.start, start + m.end, when
    by = formatted(next_working_close(*args), ctx.client_zone, lang)
    when = _pick(
        lang,
        f"写明日期、钟点和时区；暂时定不下来，就说何时能定：「具体时间我们会在{by}前跟您确认。」",
        f"Give the date, clock time and time zone; if you can't yet, say when you will: "
        f"“I'll confirm the exact time by {by}.”",
    )
    return start, end, when


@lru_cache(maxsize=64)
def _unread(patterns: tuple[str, ...], lang: Lang) -> re.Pattern[str]:
    return re.compile(join(patterns, lang))


class _UnreadWords:
    """The words each model rule does not read (its exceptions), for one language, as
    the members of one RE2 set: the four model rules of a check ask it once per draft
    which of them may match, instead of once each. Members are added as rules first
    ask; a set is rebuilt only then (once per rule and process)."""

    __slots__ = ("members", "scan", "version")

    def __init__(self) -> None:
        self.members: dict[tuple[str, ...], int] = {}
        self.scan = ScanSet(())
        self.version = 0

    def index(self, patterns: tuple[str, ...], lang: Lang) -> int:
        k = self.members.get(patterns)
        if k is None:
            k = self.members[patterns] = len(self.members)
            self.scan = ScanSet(tuple(join(group, lang) for group in self.members))
            self.version += 1
        return k


_UNREAD_WORDS: dict[Lang, _UnreadWords] = {}


@lru_cache(maxsize=16)
def _unread_members(low: str, lang: Lang, version: int) -> frozenset[int]:
    """Which members of the language's set may match the lowered draft (a superset);
    remembered for the last drafts, keyed by the set's version."""
    return frozenset(_UNREAD_WORDS[lang].scan.which(low))


def as_model_reads(text: str, lang: Lang, rule: Rule) -> str:
    """The draft as a model rule reads it: the rule's exceptions blanked out (lower-cased
    then; offsets kept)."""
    unread = rule.exceptions_for(lang)
    if unread:
        words = _UNREAD_WORDS.get(lang) or _UNREAD_WORDS.setdefault(lang, _UnreadWords())
        k = words.index(unread, lang)
        low = lowered(text)
        if k in _unread_members(low, lang, words.version):
            blanked, n = _unread(unread, lang).subn(lambda m: " " * len(m.group()), low)
            if n:
                return blanked
    return text


def _little_left(read: str, lang: Lang) -> bool:
    """Is what a model rule reads, once its exceptions are blanked out, too little to judge:
    under three Chinese characters, or under two English words ("Honestly, …" after "we're
    swamped, no way we can do it" is blanked as S1's)?"""
    if lang == "zh":
        return sum(map(len, _HAN_RUN.findall(read))) < 3
    return len(_LATIN_WORD.findall(read)) < 2


def model_withdraws(text: str, lang: Lang, rule: Rule, *, weak: bool = False) -> bool:
    """The draft model, read as the model rule `rule` reads it, finds the draft clearly
    sound for the rule's principle (draftmodel.DraftScores.withdraws); with `weak`, sound
    enough to withdraw a finding made only of weak words (DraftScores.withdraws_weak)."""
    if not text.strip():
        return False
    reading = draftmodel.score(as_model_reads(text, lang, rule), lang)
    return reading.withdraws_weak(rule.principle) if weak else reading.withdraws(rule.principle)


def draft_model(text: str, lang: Lang, ctx: CheckContext, rule: Rule) -> list[Hit]:
    """The draft model flags the rule's principle: one hit on the sentence it scores
    highest (for C1, the vague time inside it when core.timeexpr finds one), with
    the values the principle's suggestion needs.

    The rule's exceptions are words the model does not read for its principle
    (sign-offs such as "talk soon" for C1): they are blanked out before scoring."""
    if not text.strip():
        return []
    read = as_model_reads(text, lang, rule)  # `text` itself when nothing is blanked
    if read is not text and _little_left(read, lang):
        return []  # the rule's exceptions took nearly all of it: nothing left to judge
    text = read
    if not draftmodel.score(text, lang).flags(rule.principle):
        return []
    span = draftmodel.strongest_sentence(text, lang, rule.principle)
    args = (ctx.now, ctx.client_zone, ctx.client_work_start, ctx.client_work_end)
    values: dict[str, str] = {}
    if rule.principle == "C1":
        start, end, values["when"] = _exact_time(text, span, lang, ctx)
        span = (start, end)
    elif rule.principle == "S1":
        values["first"] = formatted(next_working_close(*args, days=1), ctx.client_zone, lang)
        values["full"] = formatted(next_working_close(*args, days=3), ctx.client_zone, lang)
    else:
        values["by"] = formatted(next_working_close(*args), ctx.client_zone, lang)
    return [Hit(span[0], span[1], values)]


DETECTORS: dict[str, Detector] = {
    d.name: d
    for d in (
        Detector("tone", frozenset({"reasons", "advice"}), tone),
        Detector("open-questions", frozenset({"question", "by"}), open_questions),
        Detector("cold-thread", frozenset({"opener", "turns"}), cold_thread),
        Detector(
            "draft-model",
            frozenset({"when", "by", "first", "full"}),
            draft_model,
            per_principle={
                "C1": frozenset({"when"}),
                "T4": frozenset({"by"}),
                "S1": frozenset({"first", "full"}),
                "C4": frozenset({"by"}),
            },
            secondary=True,
            reads_exceptions=True,
        ),
    )
}

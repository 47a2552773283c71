"""Promises and deliveries found in messages (T2, S4).

`extract_commitments` finds what the writer promised ("我周五前把方案发您",
"I'll send the quote by 3 pm tomorrow", "will get back to you on Monday") with
the due time resolved by core.timeexpr in the given zone; it serves our
outgoing messages (by="us") and the client's incoming ones (by="client").
`extract_deliverables` finds what a message delivers: attachments, files,
links, "见附件", "please find attached".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from warmline.coach.question import (
    LONG_TEXT,
    is_question,
    sentence_spans,
    sentences_at,
)
from warmline.core.ledger import Party
from warmline.core.scan import Scan
from warmline.core.text import Lang, detect_language
from warmline.core.timeexpr import TimeMention, find_times


@dataclass(frozen=True, slots=True)
class Promise:
    """Something the writer said they will do, with its due time if they gave one.

    `text` is the sentence that holds the promise and `span` its offsets in the
    message; `when` is the time words ("周五前", "by 3 pm tomorrow") and `due`
    their deadline reading as aware UTC (None for "soon" or no time at all);
    `precise` is True when the words name a day and a clock time.
    """

    text: str
    due: datetime | None
    span: tuple[int, int]
    when: str = ""
    precise: bool = False
    by: Party = "us"


# --- who promises what

_ZH_VERBS = (
    r"发|给|交|提供|准备|完成|做好|做完|改好|改完|弄好|出|寄|送|安排|确认|回复|答复|回您|回你|联系|跟进|更新|同步|"
    r"处理|报价|整理|上传|打电话|回电|汇报|反馈|核实|落实|提交|补|签|付|转|汇|打款|付款|约|对接|审核|检查|修|解决|上线|"
    r"部署|测试|看一下|看看|过一遍|告诉|通知|传|拿|带"
)
_ZH_SELF = r"我|我们|咱们|我这边|我们这边|这边|本人|小的"
_ZH_PROMISE = re.compile(
    rf"(?:(?:{_ZH_SELF})[^，。！？!?]{{0,12}}?)?(?:会|将|可以|争取|保证|一定|肯定|马上|立刻|尽快|稍后|晚点|回头|就|再|先)?"
    rf"[^，。！？!?]{{0,14}}?(?:{_ZH_VERBS})"
)
# 我 as the one who acts, not as an object (发我, 告诉我, 帮我)
_ZH_SUBJECT = re.compile(rf"^[^，。！？!?]{{0,16}}?(?<![发给交诉知复寄找问帮让叫请])(?:{_ZH_SELF})")
_ZH_OTHER_SUBJECT = re.compile(r"^(?:您|你|你们|贵司|他|她|他们|对方|客户)")
_ZH_REFUSE = re.compile(
    r"不会|不能|没法|无法|做不到|不可能|来不及|已经|已|刚刚|刚才|昨天.*了|如果|要是|假如|万一|是否|能否"
)
_ZH_FUTURE = re.compile(
    r"会|将|争取|保证|一定|肯定|马上|立刻|尽快|稍后|晚点|回头|再|前|之前|以前|到时|届时|明|后天|下周|周[一二三四五六日天]|礼拜|星期|号|日|点"
)

_EN_SELF_FUTURE = re.compile(
    r"\b(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to| can| aim to| plan to|"
    r"'ll make sure to| will make sure to| promise to)\b|\blet me\b|\bwill (?:get|send|have|follow|circle|revert|come)\b|"
    r"\byou(?:'ll| will) (?:have|get|receive|see)\b|\b(?:it|this|that|the \w+|they)(?:'ll| will) be (?:ready|done|sent|with you|"
    r"delivered|finished|live|shipped|in your inbox)\b|\bexpect (?:it|them|the \w+|an? \w+)\b",
    re.IGNORECASE,
)
_EN_ACTION = re.compile(
    r"\b(?:send|sending|get back|share|deliver|finish|complete|prepare|update|call|email|confirm|follow up|have|"
    r"provide|look into|check|fix|ship|upload|review|revert|circle back|reply|respond|draft|book|schedule|set up|"
    r"finalise|finalize|submit|arrange|sort|handle|ring|text|message|ping|pay|transfer|sign|come back|be ready|be done|"
    r"be sent|be with you|be delivered|be finished|be live|be shipped|be in your inbox|receive|see|get)\b",
    re.IGNORECASE,
)
_EN_NOT = re.compile(
    r"\b(?:won't|will not|can't|cannot|couldn't|unable|not able|if|unless|whether|in case|hopefully|maybe|might)\b",
    re.IGNORECASE,
)
_EN_PRESENT_WORDS = r"(?:sending|will send|send(?:ing)? over|getting|finishing|delivering)"
_EN_PRESENT_PROMISE = re.compile(
    r"^(?:ok(?:ay)?[,!.]?\s*|sure[,!.]?\s*|great[,!.]?\s*|noted[,!.]?\s*)?"
    + _EN_PRESENT_WORDS
    + r"\b",
    re.IGNORECASE,
)
# What a promise needs somewhere in its text (see _is_zh_promise, _is_en_promise).
_ZH_VERB = re.compile(_ZH_VERBS)
_EN_PRESENT_ANYWHERE = re.compile(_EN_PRESENT_WORDS, re.IGNORECASE)


# The same English patterns for lower-cased text without IGNORECASE (several times faster).
_EN_SELF_FUTURE_LOWER = re.compile(_EN_SELF_FUTURE.pattern)
_EN_ACTION_LOWER = re.compile(_EN_ACTION.pattern)
_EN_PRESENT_LOWER = re.compile(_EN_PRESENT_WORDS)


def may_promise(text: str, lang: Lang) -> bool:
    """False only when no sentence of `text` is a promise in `lang`: a test on the whole
    text, much cheaper than reading it sentence by sentence."""
    if lang == "zh":
        return bool(_ZH_VERB.search(text) and _ZH_FUTURE.search(text))
    lower = text.lower()
    if len(lower) != len(text):  # (a letter whose lower case is longer: read as written)
        return bool(
            (_EN_SELF_FUTURE.search(text) and _EN_ACTION.search(text))
            or _EN_PRESENT_ANYWHERE.search(text)
        )
    return bool(
        (_EN_SELF_FUTURE_LOWER.search(lower) and _EN_ACTION_LOWER.search(lower))
        or _EN_PRESENT_LOWER.search(lower)
    )


def promise_positions(text: str, lang: Lang) -> list[tuple[int, int]] | None:
    """Where `text` holds what a promise sentence needs (a verb of ours in Chinese; "I'll",
    "we will"… or "sending…" in English); None when that cannot be told."""
    if lang == "zh":
        return _ZH_VERB_SCAN.spans(text)
    lower = text.lower()
    if len(lower) != len(text):
        return None
    return _EN_SELF_FUTURE_SCAN.spans(lower) + _EN_PRESENT_SCAN.spans(lower)


_ZH_VERB_SCAN = Scan(_ZH_VERB)
_EN_SELF_FUTURE_SCAN = Scan(_EN_SELF_FUTURE_LOWER)
_EN_PRESENT_SCAN = Scan(_EN_PRESENT_LOWER)


def _best_time(mentions: list[TimeMention]) -> TimeMention | None:
    """The time a promise hangs on: a deadline first, then a precise one, then any."""
    if not mentions:
        return None
    for mention in mentions:
        if mention.deadline:
            return mention
    for mention in mentions:
        if mention.precise:
            return mention
    return mentions[0]


_ZH_REQUEST = re.compile(r"请|麻烦|帮我|帮忙|能不能|可不可以|希望(?:你|您)|需要(?:你|您)|记得")
_ZH_TO_ME = re.compile(r"(?:给|发|交|告诉|通知|回复|寄)(?:给)?(?:我|我们)(?!们?自己)")


def _is_zh_promise(sentence: str) -> bool:
    if not _ZH_PROMISE.search(sentence) or _ZH_REFUSE.search(sentence):
        return False
    # "请周五前给我" asks the other side for something; it promises nothing
    if _ZH_REQUEST.search(sentence) and not re.search(r"(?:我|我们)(?:会|将|一定|马上)", sentence):
        return False
    if _ZH_TO_ME.search(sentence) and not _ZH_SUBJECT.search(sentence):
        return False
    # a sentence about someone else ("您周五前发我") is their promise or request, not ours
    if _ZH_OTHER_SUBJECT.search(sentence) and not _ZH_SUBJECT.search(sentence):
        return False
    if re.search(
        r"(?:您|你|你们)(?:那边|这边)?(?:[^，。！？!?]{0,6})(?:发|给|交|提供|确认|回复)(?:我|我们)",
        sentence,
    ):
        return bool(
            _ZH_SUBJECT.search(sentence) and re.search(r"(?:我|我们)(?:会|将|马上|一定)", sentence)
        )
    return bool(_ZH_FUTURE.search(sentence))


def _is_en_promise(sentence: str) -> bool:
    if _EN_NOT.search(sentence):
        return False
    if _EN_SELF_FUTURE.search(sentence) and _EN_ACTION.search(sentence):
        return True
    return bool(_EN_PRESENT_PROMISE.search(sentence.strip()))


def extract_commitments(
    text: str,
    sent_at: datetime,
    zone: str,
    lang: Lang | None = None,
    *,
    by: Party = "us",
) -> list[Promise]:
    """The promises in a message, each with its due time resolved in `zone`.

    `sent_at` (aware) is when the message was sent: "明天" counts from it.
    `zone` is the writer's zone for our messages; pass the client's zone for
    their messages (by="client").
    """
    language = lang or detect_language(text)
    found: list[Promise] = []
    if not may_promise(text, language):
        return found
    positions = promise_positions(text, language) if len(text) > LONG_TEXT else None
    spans = sentence_spans(text) if positions is None else sentences_at(text, positions)
    for start, end in spans:
        sentence = text[start:end]
        if is_question(sentence, language):
            continue
        promised = _is_zh_promise(sentence) if language == "zh" else _is_en_promise(sentence)
        if not promised:
            continue
        mention = _best_time(find_times(sentence, sent_at, zone, language))
        found.append(
            Promise(
                text=sentence,
                due=mention.value if mention else None,
                span=(start, end),
                when=mention.text if mention else "",
                precise=bool(mention and mention.precise),
                by=by,
            )
        )
    return found


# --- deliveries

_URL = re.compile(r"https?://[^\s<>\"'，。！？）)】]+", re.IGNORECASE)
_FILE = re.compile(
    r"[\w\u4e00-\u9fff（）()\[\]【】&+\-. ]{1,80}?\.(?:pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|webp|svg|ai|psd|sketch|fig|"
    r"zip|rar|7z|mp4|mov|avi|csv|txt|key|numbers|pages|eps|tiff?|indd|md|html?|json|dwg|stp|step|mp3|wav)\b",
    re.IGNORECASE,
)
_MEETING_HOSTS = re.compile(
    r"zoom\.us|meet\.google|teams\.microsoft|teams\.live|meeting\.tencent|voovmeeting|webex|calendly|whereby",
    re.IGNORECASE,
)
_SHARE_HOSTS = re.compile(
    r"drive\.google|docs\.google|dropbox|wetransfer|we\.tl|pan\.baidu|onedrive|sharepoint|box\.com|figma|notion|"
    r"github|gitlab|docs\.qq|feishu|larksuite|shimo|lanhuapp|yuque|canva|miro|frame\.io|vimeo|youtu",
    re.IGNORECASE,
)
_ZH_DELIVERED = re.compile(
    r"附件|见附件|附上|随附|已发送|已发|已经发|发给您了|发您了|发你了|发过去了|发到您|已上传|上传好了|请查收|查收|"
    r"已经传|传给您|网盘|提取码|下载链接|链接[:：]|链接如下|放在这里|在这里下载|已经提交|已提交|给您发了|发了一份"
)
_EN_DELIVERED = re.compile(
    r"\b(?:attached|attaching|attachment|please find|here(?:'s| is| are) (?:the|a|our|your)|here you go|"
    r"i(?:'ve| have) (?:just )?(?:sent|shared|uploaded|attached|submitted|delivered)|we(?:'ve| have) (?:just )?"
    r"(?:sent|shared|uploaded|attached|submitted|delivered)|just sent|sent (?:it |them )?over|uploaded|"
    r"you can (?:download|find|access)|link(?: is)?:|download (?:it|them) (?:here|from))\b",
    re.IGNORECASE,
)


def may_deliver(text: str) -> bool:
    """False only when `text` names nothing delivered (no delivery words, no link): then
    `extract_deliverables` lists just the attachments."""
    return bool(_ZH_DELIVERED.search(text) or _EN_DELIVERED.search(text) or _URL.search(text))


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.strip()
        if key and key.lower() not in seen:
            seen.add(key.lower())
            out.append(key)
    return out


def extract_deliverables(text: str, attachments: Iterable[str] = ()) -> list[str]:
    """What a message delivers: its attachments, files and share links it names,
    and otherwise the sentence that says something was sent ("方案已发送")."""
    attachments = tuple(attachments)
    found: list[str] = list(attachments)
    if not may_deliver(text):
        return _dedupe(found)
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        delivered = bool(_ZH_DELIVERED.search(sentence) or _EN_DELIVERED.search(sentence))
        urls = [u.rstrip(".,;:!?") for u in _URL.findall(sentence)]
        urls = [u for u in urls if not _MEETING_HOSTS.search(u)]
        shared = [u for u in urls if delivered or _SHARE_HOSTS.search(u)]
        without_urls = _URL.sub(" ", sentence)
        files = (
            [f.strip(" -\u2013\u2014:：,，") for f in _FILE.findall(without_urls)]
            if delivered
            else []
        )
        files = [_last_name(f) for f in files]
        if shared or files:
            found += shared + files
        elif delivered and not attachments and not _future(sentence):
            found.append(sentence.strip())
    return _dedupe(found)


def _last_name(candidate: str) -> str:
    """'please find report.pdf' -> 'report.pdf': keep the file name, not the words before it."""
    parts = re.split(r"\s+|[:：，,]", candidate)
    name = parts[-1]
    # names with spaces ("Q3 report.pdf") keep the word before when it is not a common word
    short = len(name) <= 8
    if (
        len(parts) >= 2
        and parts[-2]
        and (short or parts[-2][0].isupper())
        and parts[-2].lower() not in _STOP
    ):
        name = parts[-2] + " " + name
    return name


_STOP = frozenset(
    {
        "the",
        "please",
        "find",
        "attached",
        "here",
        "is",
        "our",
        "your",
        "a",
        "an",
        "see",
        "and",
        "i",
        "we",
    }
)


def _future(sentence: str) -> bool:
    return bool(
        re.search(r"\b(?:will|'ll|going to|shall)\b", sentence, re.IGNORECASE)
        or re.search(r"会|将|稍后|晚点|回头|明天|待会", sentence)
    )


_FEEDBACK = re.compile(
    r"反馈|意见|确认|回复|看一下|看看|过目|审核|定稿|\b(?:feedback|thoughts|let me know|confirm|approve|"
    r"approval|sign off|sign-off|comments|review)\b",
    re.IGNORECASE,
)


def feedback_due(
    text: str, sent_at: datetime, zone: str, lang: Lang | None = None
) -> datetime | None:
    """When a delivery message asks for feedback by ("请周五前反馈", "let me know
    by Friday"), that time as aware UTC; else None (S4 then uses its default)."""
    language = lang or detect_language(text)
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if not _FEEDBACK.search(sentence):
            continue
        mention = _best_time(find_times(sentence, sent_at, zone, language))
        if mention is not None and mention.value is not None and mention.value > sent_at:
            return mention.value
    return None

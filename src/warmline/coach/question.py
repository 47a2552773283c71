"""Questions a client asked (T4) and requests for a status update (S2).

Chat messages often drop the question mark ("样品什么时候能到", "can you send
the file"), so a sentence is a question when it ends with ?/？, with a
question particle (吗/呢/么; 吧 after 对/是/可以...), holds an A-not-A or
question word (能不能, 是否, 什么时候, 多少) that is not embedded in a statement
(我不知道怎么办), opens with an English auxiliary or wh-word ("could you",
"do we", "when will"), or asks for an answer outright (请问, 请确认,
"let me know", "please confirm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warmline.core.text import Lang, detect_language


@dataclass(frozen=True, slots=True)
class Question:
    """A sentence that asks something; `status` when it asks how the work stands (S2)."""

    text: str
    start: int
    end: int
    status: bool = False


# A sentence ends at 。！？!?；; or a line break, and at ". " (not in 3.5 or e.g.).
# The dot comes before its lookbehinds (which then include it), so they run only at dots.
_SENTENCE_END = re.compile(
    r"[。！？!?；;…\n]+[”’\"')）]*|\.(?<![A-Z]\.)(?<!\b[a-z]\.)(?<!\d\.)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!Mrs\.)(?<!vs\.)"
    r"(?<!etc\.)(?<!No\.)(?<!St\.)(?:\s+|$)|~+\s+|～+"
)
_TRAILING = re.compile(r"[\s\U0001F300-\U0001FAFF\u2600-\u27BF~～。.,，、)）\"”']*$")

_ZH_PARTICLE_END = re.compile(r"(?:吗|嘛|么|呢|没|不)[\s~～。.,，!！\U0001F300-\U0001FAFF]*$")
_ZH_BA_END = re.compile(r"(?:对|是|可以|没问题|能|应该会|不会|不是|有)吧[\s~～。.]*$")
_ZH_ASK = re.compile(
    r"请问|想问(一下)?|问一下|咨询一下|请(您|你)?(告知|确认|回复|告诉)|麻烦(您|你)?(告知|确认|回复|告诉|看一下|说一下)|"
    r"告诉我|确认一下|能否|可否|是否|有没有|能不能|可不可以|是不是|会不会|要不要|行不行|好不好|对不对|"
    r"用不用|需不需要|够不够|来不来|在吗"
)
_ZH_WH = re.compile(
    r"怎么|怎样|如何|什么时候|啥时候|何时|几点|几号|几天|几个|多少|多久|多长时间|多大|哪(里|儿|个|些|天|位|种|家|一)|"
    r"为什么|为啥|干嘛|谁|啥|什么"
)
_ZH_EMBEDDED = re.compile(
    r"(不知道|不清楚|不确定|不记得|忘了|看看|研究一下|想想|商量|讨论|不管|无论|不论|随便|都行|都可以)"
)

# An English question opens with an auxiliary and its subject, or a wh-word.
_EN_ASKING_WORDS = (
    r"(?:(?:can|could|would|will|do|does|did|is|are|was|were|have|has|had|should|shall|may|might|won't|"
    r"can't|couldn't|wouldn't|isn't|aren't|doesn't|don't|didn't|haven't|hasn't)\s+(?:you|we|i|it|they|he|she|"
    r"this|that|these|those|there|the|a|an|our|your|my|his|her|their|any|anyone|anybody|someone|somebody|"
    r"everything|everyone|all|both|each)\b|(?:what|what's|when|when's|where|where's|why|who|who's|which|how|"
    r"how's|whose|any)\b)"
)
_EN_OPENERS = re.compile(
    r"^(?:(?:hi|hey|hello|dear|morning)(?:\s+[\w.'-]+){0,3}\s*[,，:!]\s*)?"
    r"(?:also|and|but|so|ok|okay|quick question|one more thing|btw|sorry|just)?[\s,:;-]*"
    + _EN_ASKING_WORDS,
    re.IGNORECASE,
)
_EN_NOT_QUESTION = re.compile(
    r"^(?:when|where|what|how|which|who)\b.*\b(?:you get a chance|possible|convenient|you can|you're ready|"
    r"we (?:talked|spoke|met|discussed)|i (?:said|mentioned|meant))\b|^(?:what|how) (?:a|an)\b|"
    r"^(?:any)\s+(?:time|way|help)\b(?!.*\?)|^will do\b|^do let\b",
    re.IGNORECASE,
)
_EN_ASK = re.compile(
    r"\b(?:let me know|please (?:confirm|advise|let us know|clarify|tell me|explain)|can you confirm|"
    r"i(?:'d| would) like to know|i was wondering|wondering (?:if|whether)|would love to know|"
    r"need to know|tell me (?:if|whether|when|how|what|why))\b",
    re.IGNORECASE,
)

_ZH_STATUS = re.compile(
    r"进度|进展|到哪(?:一)?步|到哪(?:了|儿了|里了)|(?:弄|做|搞|改|写|画|走|推进)到哪|"
    r"(?:预计|大概|估计|大约)?(?:什么时候|啥时候|哪天|几号|几点)(?:可以|能|会|才能|能够)?(?:好|完|做完|完成|交|发|给|出|上线|到|寄|发货|搞定)|"
    r"有(?:没有)?(?:更新|新消息|消息|动静|结果|眉目|信儿|回音|下文)|(?:怎么样|咋样|如何|怎样)了|"
    r"(?:弄|做|搞|改|写|画|处理|进行|推进|准备)得(?:怎么样|如何|咋样)|"
    r"(?:搞定|好|完成|做完|改完|弄好|出来|发|寄|寄出|发出|发货|交|上线|改|做)了(?:吗|没|么|嘛)|还没好|"
    r"还(?:要|需要|得)(?:多久|多长时间|几天|等多久)|要等多久|大概多久|需要几天|要多长时间|状态(?:如何|怎么样)|"
    r"同步一下|汇报一下|更新一下|有(?:什么|啥)新|问一下进度|看看进展|跟进一下|催一下|"
    r"(?:今天|明天|今晚|这周|本周|下周|周[一二三四五六日天]|月底|\d{1,2}号)(?:之前|前)?(?:能|可以)(?:给|发|交|好|完成|出|到)|"
    r"怎么还没|还没(?:好|发|收到|看到|到|动静|消息)|(?:开始|安排|排上|在做)了(?:吗|没)|"
    r"^[^，。！？!?\s]{1,8}(?<![你您他她])呢[?？\s]*$"
)
_EN_STATUS = re.compile(
    r"\b(?:any (?:update|updates|news|progress|word|movement|eta)|update on|status(?: update)?\b|"
    r"progress (?:update|report)|how(?:'s| is| are)? (?:it|things|everything|the \w+|our \w+|that|this|work|we)"
    r"(?: \w+)? (?:going|coming along|getting on|looking|doing)|how(?:'s| is) it going|"
    r"where (?:are|do) (?:we|things) (?:with|on|at|stand)|where do we stand|how far along|how close are we|"
    r"when (?:will|can|could|should|do|might|would) (?:it|this|that|they|the \w+|our \w+|i|we)(?: \w+)? "
    r"(?:be (?:ready|done|finished|delivered|live|shipped|sent|available|back)|expect|get|see|receive|have|hear)|"
    r"\beta\b|(?:is|are) (?:it|they|the \w+|our \w+) (?:done|ready|finished|sent|live|shipped)(?: yet)?\b|"
    r"(?:has|have) (?:it|they|the \w+|our \w+) (?:shipped|been sent|gone out|been done)|"
    r"(?:have|did) you (?:sent|send|finish|finished|had a chance|get a chance|hear)|"
    r"(?:are we|is it|still) on (?:track|schedule)|how much longer|how long until|how soon|"
    r"just checking in|checking in on|check in on|following up|follow(?:ing)?[- ]up on|circling back|"
    r"bump(?:ing)? this|gentle reminder|"
    r"what's the latest|heard anything|still on for|still waiting (?:on|for)|haven't (?:received|heard|seen|got)|"
    r"what's happening with|any luck|are we close|(?:done|ready|finished) yet|nearly (?:done|there|finished)|"
    r"where(?:'s| is| are) (?:the|my|our) \w+|can (?:i|we) see (?:it|them|something))\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, ending punctuation included, blanks dropped."""
    return list(sentence_spans(text))


@lru_cache(maxsize=16)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`sentences` as a tuple, remembered for the last few texts: reading one message
    (its questions, promises and deliveries) splits the same text several times."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return tuple(out)


def is_question(sentence: str, lang: Lang | None = None) -> bool:
    """Does this one sentence ask something?"""
    s = sentence.strip()
    if not s:
        return False
    core = _TRAILING.sub("", s)
    if core.endswith(("?", "？")) or "?" in s or "？" in s:
        return True
    language = lang or detect_language(s)
    if language == "zh":
        if _ZH_PARTICLE_END.search(core) and not core.endswith(("不不", "没没")):
            return not re.search(
                r"(?:好|行|算了|就这样)(?:吧|呢|么|嘛)$", core
            ) and _zh_particle_is_question(core)
        if _ZH_BA_END.search(core):
            return True
        if _ZH_ASK.search(core):
            return not _ZH_EMBEDDED.search(core) or bool(
                re.search(r"请问|请(您|你)?(告知|确认)|能否|可否|是否", core)
            )
        if _ZH_WH.search(core) and not _ZH_EMBEDDED.search(core):
            return not core.endswith(("！", "!", "。")) and not re.search(r"什么(都|也)", core)
        return bool(_EN_ASK.search(core))
    if _EN_ASK.search(core):
        return True
    return bool(_EN_OPENERS.search(core)) and not _EN_NOT_QUESTION.search(core)


def _zh_particle_is_question(core: str) -> bool:
    # 没/不 at the end ask only after a verb or adjective: 好了没, 去不
    if core.endswith(("没", "不")):
        return bool(re.search(r"(了|过|好|完|到|发|有|是|能|要|去|来|行|对)(没|不)$", core))
    return True


def is_status_request(text: str, lang: Lang | None = None) -> bool:
    """Does the message ask how the work stands ("进度怎么样了", "any update?")? (S2)"""
    language = lang or detect_language(text)
    pattern = _ZH_STATUS if language == "zh" else _EN_STATUS
    if _status_search(pattern, text):
        return True
    other = _EN_STATUS if language == "zh" else _ZH_STATUS
    return _status_search(other, text)


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _status_search(pattern: re.Pattern[str], text: str) -> bool:
    # Every match of _ZH_STATUS holds a Chinese character and every match of _EN_STATUS
    # an ASCII letter: a text without one is not scanned at all.
    if pattern is _ZH_STATUS and text.isascii():
        return False
    if pattern is _EN_STATUS and not _LATIN_LETTER.search(text):
        return False
    return bool(pattern.search(text))


# What a question needs somewhere in its text (see is_question): a question mark; a
# question particle, an asking phrase or a question word (zh); an asking phrase, or an
# auxiliary with its subject or a wh-word (en).
_ZH_QUESTION_CHARS = re.compile(r"[吗嘛么呢没不吧]")
_EN_ASKING = re.compile(_EN_ASKING_WORDS, re.IGNORECASE)


def may_ask(text: str, lang: Lang) -> bool:
    """False only when no sentence of `text` is a question for `is_question(…, lang)`:
    a test on the whole text, much cheaper than reading it sentence by sentence."""
    if "?" in text or "？" in text or _EN_ASK.search(text):
        return True
    if lang == "zh":
        return bool(_ZH_QUESTION_CHARS.search(text) or _ZH_ASK.search(text) or _ZH_WH.search(text))
    return bool(_EN_ASKING.search(text))


def find_questions(text: str, lang: Lang | None = None) -> tuple[Question, ...]:
    """The question sentences of a message, in order."""
    language = lang or detect_language(text)
    if not may_ask(text, language):
        return ()
    found = []
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        if is_question(sentence, language):
            found.append(Question(sentence, s, e, is_status_request(sentence, language)))
    return tuple(found)

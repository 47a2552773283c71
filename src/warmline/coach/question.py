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
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from warmline.core.scan import Scan
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
# (The look-ahead at the characters a sentence end starts with lets re skip the others.)
_SENTENCE_END = re.compile(
    r"(?=[。！？!?；;…\n.~～])(?:[。！？!?；;…\n]+[”’\"')）]*|\.(?<![A-Z]\.)(?<!\b[a-z]\.)(?<!\d\.)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!Mrs\.)(?<!vs\.)"
    r"(?<!etc\.)(?<!No\.)(?<!St\.)(?:\s+|$)|~+\s+|～+)"
)
_TRAILING = re.compile(r"[\s\U0001F300-\U0001FAFF\u2600-\u27BF~～。.,，、)）\"”']*$")

_ZH_PARTICLE_END = re.compile(
    r"(?:吗|嘛|么|呢|没|不|(?<=[了来去完好到过])没有)[\s~～。.,，!！\U0001F300-\U0001FAFF]*$"
)
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

# --------------------------------------------------------------------------- status requests (S2)
#
# A status request asks how *our* work stands. Read per sentence: a phrase that
# asks for the state of the work (进度如何, 到哪一步了, 发货了吗, 方案呢,
# "any update", "where are we on", "still waiting for", "has it shipped"),
# unless the sentence is one of ours (我明天可以发给你, "I'll send a progress
# report"), thanks for an update (感谢及时同步进度), small talk (你最近怎么样了,
# "how was your weekend"), or the client waiting on their own side (我们还在等
# 领导审批, "still waiting on my boss to sign off").

_ZH_VERB = (
    r"(?:搞定|完成|做完|改完|弄完|弄好|做好|改好|出来|发出来|发出去|寄出去|寄出来|发出|寄出|"
    r"发货|交付|交|上线|发|寄|给|出|到|好|完)"
)
_ZH_STATUS = re.compile(
    # 进度 / 进展 asked about (not 进度款, not "our progress is slow")
    r"(?:进度|进展)(?:如何|怎么样|怎样|咋样|到哪|到多少|呢|更新|同步|汇报|报告)|"
    r"(?:问|问问|问下|问一下|了解|了解一下|告知|告知一下|同步|同步下|同步一下|汇报|汇报一下|更新|更新一下|说|说下|说一下|报|报一下|发|看看|催|跟进)"
    r"(?:下|一下)?(?:目前|现在|当前|最新|最新的|一下)?(?:的)?(?:进度|进展)|(?:目前|现在|当前|最新)的?(?:进度|进展)|"
    r"有(?:没有|没)?(?:什么|啥)?(?:进展|更新|新消息|消息|动静|结果|眉目|信儿|回音|回复|下文|新进展)|"
    r"(?:做|弄|进行|完成|改|推进)到(?:什么|啥)(?:程度|地步|阶段)|(?:什么|啥)(?:程度|阶段)了|"
    r"能(?:用|访问|打开|看|下载|登录|登陆|上线|发|寄|安装|装)了(?:吗|没|么|没有)|"
    r"到哪(?:一)?步|到哪(?:了|儿了|里了|儿|里)|(?:弄|做|搞|改|写|画|走|推进|搭|装|进行|处理|审)到哪|"
    # when will it be done / delivered
    r"(?:预计|大概|估计|大约|到底)?(?:什么时候|啥时候|哪天|几号|几点|何时)(?:可以|能|会|才能|能够|才)?"
    r"(?:搞定|完成|做完|改完|弄好|做好|改好|出来|发货|交付|交|上线|发|寄|给|出|到|好|完|看到|收到|安装|装好)|"
    r"还(?:要|需要|得)(?:再)?(?:等)?(?:多久|多长时间|几天)|要等多久|大概多久|需要几天|要多长时间|"
    # chased in anger: 还想拖多久, 要拖到什么时候, 到现在连个影子都没有
    r"(?:还想|还要|还得|要|想|准备|打算)拖(?:到)?(?:多久|什么时候|啥时候|哪天|几号)(?![^，。！？!?]{0,4}都(?:没关系|无所谓|行|可以))|"
    r"到现在(?:都|也|还)?(?:连个(?:影子|动静|消息|回复|回音|说法|电话|人影)|"
    r"(?:没|没有)(?:动静|消息|回复|回音|音信|下文|进展|结果|发过来|发给我|给我|寄出|寄过来|发货|上线|交付))|"
    r"(?:现在|目前|当前)(?:是)?(?:什么|啥)(?:情况|状态)|(?:什么|啥)(?:情况|状态)了|状态(?:如何|怎么样|咋样)|"
    r"情况(?:如何|怎么样|咋样)|(?:怎么样|咋样|如何|怎样)了|"
    r"(?:弄|做|搞|改|写|画|处理|进行|推进|准备)得(?:怎么样|如何|咋样|怎样)|"
    # has it been done: 发货了吗, 寄出去了没, 弄好没, 还没好吗
    + _ZH_VERB
    + r"了(?:吗|没|么|嘛|没有)|(?:弄好|做好|改好|搞定|做完|改完|完成|出来|发出来|发出去|寄出去|寄出来)(?:吗|没有|没)|"
    r"(?:审核|审|通过|过|排期|排上|安排|确定|定|开始|开始做|在做|动工|开|印|签|批|装|写|剪|拍|修|打包|退|退回)了(?:吗|没|么|没有)|"
    r"还没(?:好|发|收到|看到|到|动静|消息|弄好|做好|出来)|还在(?:做|改|弄|搞|处理|进行)(?:吗|呢|么)|"
    r"同步一下|汇报一下|有(?:什么|啥)新|看看进展|跟进一下|催一下|"
    r"(?:今天|明天|今晚|这周|本周|下周|周[一二三四五六日天]|月底|\d{1,2}号)(?:之前|前)?"
    r"(?:能不能|能|可以|可不可以)(?:给|发|交|好|完成|出|到|出来|弄好|做好)|"
    r"(?:快递|物流)?单号(?:呢|发我|给我|多少|是多少)|(?:发|给)我(?:一下)?(?:快递|物流)?单号|物流(?:信息|到哪|怎么样)|"
    r"(?:问|问下|问一下|想问下|想问一下)(?:上次|之前|那个|我们|我的)|"
    r"(?:问|了解|告知|同步|汇报|说|看)(?:下|一下)?[^，。！？!?]{0,8}?的(?:进度|进展)"
)
# a short sentence ending in 呢 asks where a thing is: 方案呢？ 说好的初稿呢？
_ZH_WHERE_IS = re.compile(r"^[^，。！？!?\s]{1,8}(?<![你您他她我那这])呢[?？\s]*$")
_ZH_NOT_STATUS = re.compile(
    r"进度款|"
    r"(?:你|您|你们)?(?:最近|近来|身体|家里|家人|孩子|天气|假期|周末|旅行|旅途|出差)(?:过得|还|都)?(?:怎么样|如何|咋样|怎样)"
)
_ZH_THANKS = re.compile(r"谢谢|感谢|多谢|辛苦")
_ZH_OUR_SIDE = re.compile(r"^(?:我们这边|我这边|我们|我方|我)(?![的们])")

_EN_STATUS = re.compile(
    r"\b(?:any (?:update|updates|news|progress|word|movement|eta|luck|joy)|"
    r"any idea (?:when|how long)|anything (?:to report|new)|update on\b|"
    r"(?:give|send|share|get|have) (?:me|us) (?:a |an |some )?(?:quick |brief |short )?(?:update|status|progress report|eta)|"
    r"(?:update|advise) (?:me|us) on|"
    r"(?:the |current )?(?:status|progress) (?:of|on) (?:the|my|our|this|that|it)\b|"
    r"(?:status|progress) update|(?:let (?:me|us) know|tell (?:me|us)) (?:the|about the) (?:status|progress)|"
    r"what(?:'s| is) (?:the )?(?:latest|status|eta|progress|news|timeline(?: looking)?)\b|"
    r"what stage (?:are|is)|where (?:are|do) (?:we|things) (?:with|on|at|stand)|where we are (?:with|on|at)|"
    r"where things (?:are|stand)|where do we stand|"
    r"how(?:'s| is| are| was)? (?:it|things|everything|the \w+|our \w+|my \w+|that|this|work|we|progress)"
    r"(?: \w+)? (?:going|coming along|coming|getting on|looking|doing|progressing)|how(?:'s| is) it going|"
    r"how did (?:the|it|our|my|that|this)\b(?: \w+){0,3} go\b|"
    r"how far along|how close are we|are we close|how much longer|how long (?:until|till|before|will it|is it going)|how soon|"
    r"when (?:will|can|could|should|do|might|would|are|is) (?:it|this|that|they|the \w+|our \w+|my \w+|i|we|you)(?: \w+)? "
    r"(?:be (?:ready|done|finished|delivered|live|shipped|sent|available|back|out|fixed|complete|completed)|expect|get|getting|"
    r"see|receive|have|hear|deliver|ship|send|finish|launch|go live|arrive)\b(?! (?:a|an) (?:call|chat|meeting|word)\b)|"
    r"when\b.* (?:be|it'll be|they'll be) (?:ready|done|finished|live|delivered|shipped|out|fixed)\b|"
    # asked indirectly: "can you tell me when I'll get the files", "…when we can expect it"
    r"(?:(?:tell|let) (?:me|us)(?: know)?|any idea|wondering|do you know|could you say)(?: exactly| roughly)? "
    r"when (?:i|we)(?:'ll| will| can| could| might| am going to| are going to)(?: \w+)? "
    r"(?:expect|get|see|receive) (?:it|them|this|that|something|anything|(?:the|my|our|a|an|some|your) "
    r"(?:\w+ )?(?:files?|proofs?|drafts?|designs?|mock-?ups?|quotes?|quotation|estimate|report|results?|invoice|"
    r"samples?|photos?|pictures?|video|edit|copy|logo|website|site|app|build|update|order|parcel|package|"
    r"delivery|goods|keys|contract|plans?|drawings?|translation|documents?|deck|slides|first \w+|final \w+|"
    r"next \w+|new \w+|revised \w+))\b|"
    r"(?:(?:tell|let) (?:me|us)(?: know)?|any idea|wondering|do you know)(?: exactly| roughly)? "
    r"when (?:you|you guys|your team)(?:'ll| will| can| could| might| are going to)(?: \w+)? "
    r"(?:send|deliver|ship|finish|be (?:done|ready|finished)|have (?:it|them|the \w+) (?:done|ready|finished))\b|"
    r"\beta\b|(?:is|are|was) (?:it|they|the \w+|our \w+|my \w+|this|that|everything)(?: \w+)? "
    r"(?:done|ready|finished|sent|live|shipped|out|fixed|complete|completed|approved|on (?:its|their) way)(?: yet)?\b|"
    r"(?:has|have|did) (?:it|they|the \w+|our \w+|my \w+)(?: \w+)? (?:shipped|ship|go out|gone out|gone through|go through|"
    r"arrive|arrived|leave|left|been sent|been done|been shipped|been fixed|been approved)|"
    r"(?:have|did) you (?:sent|send|finish|finished|had a chance|get a chance|got a chance|manage|managed|start|started|"
    r"begin|began|hear|heard|ship|shipped|dispatch|dispatched|complete|completed|fix|fixed|upload|uploaded|book|booked|submit|submitted)\b|"
    r"(?:is|are) (?:anyone|anybody|someone|somebody|you) (?:still )?(?:working|looking) on|"
    r"what(?:'s| is) (?:happening|going on) with|"
    r"(?:are we|is it|is everything|are things|still) (?:still )?(?:on (?:track|schedule|target)|good for|ok for|okay for|set for|on for)\b|"
    r"just checking in|checking in (?:on|about|re|regarding)|check(?:ing)? in on|check(?:ing)? on the (?:progress|status)|"
    r"just following up|following up (?:on|about|re|regarding)|follow(?:ing)?[- ]up on|circling back|bump(?:ing)? this|gentle reminder|"
    r"(?<!your )(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)|another|final|last) (?:reminder|chaser|follow[- ]up)\b"
    r"(?! (?:to (?:myself|ourselves|the team|my team|our team|everyone)|email to))|"
    r"heard anything|still waiting (?:on|for)|still waiting(?=\W*$)|(?:still )?(?:haven't|have not|didn't|did not) (?:yet )?(?:received|heard|seen|got|gotten)|"
    r"any luck|(?:done|ready|finished|shipped|sent|live|fixed) yet|nearly (?:done|there|finished)|"
    r"tracking (?:number|no|info|details|link)\b|"
    r"where(?:'s| is| are) (?:the|my|our) \w+|where(?:'s| is| are) (?:it|they|that|this)\b|can (?:i|we) see (?:it|them|something)|"
    r"did you get anywhere|what(?:'s| is) the word (?:on|from)|(?:no|any) word (?:on|from)|"
    r"(?:has|did) anything (?:happen|happened|changed|moved)|(?:a )?(?:nudge|reminder|ping) (?:on|about|re)\b|"
    r"checking (?:whether|if|that) (?:the|my|our|it|they|you)|"
    r"(?:you've|you have) (?:finished|sent|shipped|started|done|fixed|completed)|"
    r"(?:did|has|have) (?:the|my|our) \w+ (?:reach|reached|arrive|arrived|come through|came through|clear|cleared)|"
    r"(?:has|have) (?:the|our|my|it|they)(?: \w+){0,2} been \w+(?:ed|en|t)|"
    r"when(?:'s| is| will| are| does| do)\b.*\b(?:going live|go live|launching|shipping|arriving|coming|due|happening|"
    r"ready|done|finished|live|delivered|dispatched|printed|published))\b",
    re.IGNORECASE,
)
# a question about a thing that asks "yet": "Is the site up yet?", "Do we have a date yet?"
_EN_YET = re.compile(r"\byet\b(?<!\bnot yet)", re.IGNORECASE)
# a whole sentence that is only the ask: "Update?", "Status please", "ETA?"
_EN_BARE = re.compile(
    r"^(?:(?:hi|hey|hello)\W+)?(?:update|updates|status|eta|news|progress|tracking)(?: please| pls| plz)?\W*$",
    re.IGNORECASE,
)
_EN_NOT_STATUS = re.compile(
    r"^(?:(?:ok|okay|sure|great|thanks|also|and|so)\W+)?(?:i|we)(?:'ll|'m going to| will| shall| am going to| are going to)\b|"
    r"\b(?:thanks|thank you|thx|appreciate) (?:for|you for) (?:the|your|this) (?:update|news|progress)|"
    r"\bstatus (?:bar|code|page|field|icon|column|quo|symbol)\b|\b(?:making|made|good|great|some|slow) progress\b|"
    r"\bhow (?:is|are|was|'s) (?:the|your|my) (?:family|weather|kids|trip|holiday|holidays|vacation|weekend|day|week|move|conference|new job|wife|husband)\b|"
    r"\bwhere(?:'s| is| are) the (?:meeting|call|office|venue|event|party|entrance|restroom|toilet|hotel|best|nearest|"
    r"closest|easiest)\b|\b(?:no rush|no hurry|not urgent)\b",
    re.IGNORECASE,
)
# the client waiting on their own side, not on us
_EN_THEIR_SIDE = re.compile(
    r"\b(?:still waiting|haven't|have not|didn't|did not)\b.*\b(?:(?:our|my) (?:own )?(?:legal|finance|boss|manager|team|board|ceo|cfo|"
    r"director|lawyer|lawyers|accountant|procurement|colleague|colleagues|department|client|clients|partner|partners|"
    r"bank|investor|investors|founder|founders|ceo|cto|coo|supplier|suppliers|landlord|hr|it|admin|staff|office|company|"
    r"shareholders|side|end)|from (?:finance|legal|procurement|management|hq)|to (?:sign|approve|confirm|decide)|"
    r"approval|sign[- ]off)\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, ending punctuation included, blanks dropped."""
    return list(sentence_spans(text))


@lru_cache(maxsize=16)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`sentences` as a tuple, remembered for the last few texts: reading one message
    (its questions, promises and deliveries) splits the same text several times."""
    ends = _sentence_ends(text)
    return tuple(
        filter(None, (_trimmed(text, a, b) for a, b in zip((0, *ends), ends, strict=False)))
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without white space at its ends; None when blank."""
    part = text[start:end]
    s, e = start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())
    return (s, e) if s < e else None


@lru_cache(maxsize=16)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """Where each sentence of `text` ends, white space included (the last at len(text))."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return tuple(ends)


def sentences_at(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of `sentence_spans(text)` that a span of `spans` touches, in order.

    A long message is read this way: a whole-text search (core.scan) finds where a
    reader's phrases can be, and only those sentences are read one by one.
    """
    ends = _sentence_ends(text)
    picked: set[int] = set()
    for start, end in spans:
        first = bisect_right(ends, start)
        picked.update(range(first, max(first, bisect_right(ends, end - 1)) + 1))
    spans_found = (
        _trimmed(text, ends[i - 1] if i else 0, ends[i]) for i in sorted(picked) if i < len(ends)
    )
    return [span for span in spans_found if span is not None]


# Messages longer than this are read sentence by sentence only where a whole-text search
# found something; shorter ones have few sentences, and are read one by one.
LONG_TEXT = 300


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
    if core.endswith("没有"):
        return True
    if core.endswith(("没", "不")):
        return bool(re.search(r"(了|过|好|完|到|发|有|是|能|要|去|来|行|对)(没|不)$", core))
    return True


_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")
# _EN_STATUS for lower-cased text (its pattern has no upper-case letter).
_EN_STATUS_LOWER = re.compile(_EN_STATUS.pattern)
_EN_BARE_WORD = re.compile(
    r"\b(?:update|updates|status|eta|news|progress|tracking)\b", re.IGNORECASE
)


def is_status_request(text: str, lang: Lang | None = None) -> bool:
    """Does the message ask how the work stands ("进度怎么样了", "any update?")? (S2)

    Both languages' phrasings count (Chinese messages quote English, "any
    update?", and back). The whole message is searched once; only a message
    that holds a candidate is read sentence by sentence, for the guards (of a
    long message, only its sentences that hold one).
    """
    lower = text.lower()
    if len(text) > LONG_TEXT and len(lower) == len(text):
        return _long_asks_status(text, lower)
    zh = bool(_HAN_CHAR.search(text)) and bool("呢" in text or _ZH_STATUS.search(text))
    # Cheapest first; the long phrase list runs on the lower-cased text without
    # IGNORECASE, which Python's re matches several times faster.
    en = bool(_LATIN_WORD.search(text)) and bool(
        _EN_BARE_WORD.search(text) or _EN_YET.search(text) or _EN_STATUS_LOWER.search(lower)
    )
    if not (zh or en):
        return False
    return any(
        (zh and _zh_asks_status(text[s:e])) or (en and _en_asks_status(text[s:e]))
        for s, e in sentences(text)
    )


def _long_asks_status(text: str, lower: str) -> bool:
    """is_status_request for a long message: the whole-text searches that tell whether
    it may ask also say where, and only those sentences are read."""
    zh_found: list[tuple[int, int]] = []
    if _HAN_CHAR.search(text):
        zh_found += _ZH_STATUS_SCAN.spans(text)
        zh_found += _ZH_NE_SCAN.spans(text)  # _ZH_WHERE_IS
    en_found: list[tuple[int, int]] = []
    if _LATIN_WORD.search(text):
        en_found += _EN_STATUS_SCAN.spans(lower)  # (with "still waiting" anywhere)
        en_found += _EN_BARE_WORD_SCAN.spans(lower)  # _EN_BARE
        en_found += _EN_YET_SCAN.spans(lower)
    zh, en = bool(zh_found), bool(en_found)
    return any(
        (zh and _zh_asks_status(text[s:e])) or (en and _en_asks_status(text[s:e]))
        for s, e in sentences_at(text, zh_found + en_found)
    )


# The whole-text searches of a long message (core.scan: where each may match).
_ZH_STATUS_SCAN = Scan(_ZH_STATUS)
_ZH_NE_SCAN = Scan(re.compile("呢"), engine=False)  # (one character: re is as fast)
_EN_STATUS_SCAN = Scan(_EN_STATUS_LOWER)
_EN_BARE_WORD_SCAN = Scan(re.compile(_EN_BARE_WORD.pattern))
_EN_YET_SCAN = Scan(re.compile(_EN_YET.pattern))


def _zh_asks_status(sentence: str) -> bool:
    core = _TRAILING.sub("", sentence)
    if not (_ZH_STATUS.search(core) or _ZH_WHERE_IS.search(core)):
        return False
    if _ZH_NOT_STATUS.search(core):
        return False
    asking = is_question(sentence, "zh") or re.search(
        r"(?:一下|下)(?:目前|现在|最新)?的?(?:进度|进展)|单号", core
    )
    # 感谢及时同步进度 / 我明天可以发给你: thanks, or our client's own statement
    return bool(asking) or not (_ZH_THANKS.search(core) or _ZH_OUR_SIDE.search(core))


def _en_asks_status(sentence: str) -> bool:
    core = sentence.strip()
    if not (
        _EN_STATUS.search(core)
        or _EN_BARE.search(core)
        or (_EN_YET.search(core) and is_question(core, "en"))
    ):
        return False
    return not (_EN_NOT_STATUS.search(core) or _EN_THEIR_SIDE.search(core))


# What a question needs somewhere in its text (see is_question): a question mark; a
# question particle, an asking phrase or a question word (zh); an asking phrase, or an
# auxiliary with its subject or a wh-word (en).
_ZH_QUESTION_CHARS = re.compile(r"[吗嘛么呢没不吧]")
_EN_ASKING = re.compile(_EN_ASKING_WORDS, re.IGNORECASE)


def may_ask(text: str, lang: Lang) -> bool:
    """False only when no sentence of `text` is a question for `is_question(…, lang)`:
    a test on the whole text, much cheaper than reading it sentence by sentence."""
    if "?" in text or "？" in text:
        return True
    lower = text.lower()
    if _EN_ASK_LOWER.search(lower) if len(lower) == len(text) else _EN_ASK.search(text):
        return True
    if lang == "zh":
        return bool(_ZH_QUESTION_CHARS.search(text) or _ZH_ASK.search(text) or _ZH_WH.search(text))
    if len(lower) == len(text):
        return bool(_EN_ASKING_LOWER.search(lower))
    return bool(_EN_ASKING.search(text))


_QUESTION_MARK = re.compile("[?？]")
# For the whole-text searches of a long message: the same patterns for lower-cased text
# without IGNORECASE, which Python's re runs several times faster; a look-ahead at the
# letters the English asking words start with lets it skip the other positions at once.
_EN_ASK_LOWER = re.compile(_EN_ASK.pattern)
_EN_ASKING_LOWER = re.compile("(?=[acdhimsw])" + _EN_ASKING_WORDS)


def question_positions(text: str, lang: Lang) -> list[tuple[int, int]] | None:
    """Where `text` holds what `is_question(…, lang)` needs of a sentence (see may_ask);
    None when that cannot be told from the lower-cased text."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    found = _QUESTION_MARK_SCAN.spans(text)
    found += _EN_ASK_SCAN.spans(lower)
    if lang == "zh":
        found += _ZH_QUESTION_CHARS_SCAN.spans(text)
        found += _ZH_ASK_SCAN.spans(text)
        found += _ZH_WH_SCAN.spans(text)
    else:
        found += _EN_ASKING_SCAN.spans(lower)
    return found


_QUESTION_MARK_SCAN = Scan(_QUESTION_MARK, engine=False)
_EN_ASK_SCAN = Scan(_EN_ASK_LOWER)
_EN_ASKING_SCAN = Scan(_EN_ASKING_LOWER)
_ZH_QUESTION_CHARS_SCAN = Scan(_ZH_QUESTION_CHARS)
_ZH_ASK_SCAN = Scan(_ZH_ASK)
_ZH_WH_SCAN = Scan(_ZH_WH)


def find_questions(text: str, lang: Lang | None = None) -> tuple[Question, ...]:
    """The question sentences of a message, in order."""
    language = lang or detect_language(text)
    if not may_ask(text, language):
        return ()
    found = []
    positions = question_positions(text, language) if len(text) > LONG_TEXT else None
    spans = sentence_spans(text) if positions is None else sentences_at(text, positions)
    for s, e in spans:
        sentence = text[s:e]
        if is_question(sentence, language):
            found.append(Question(sentence, s, e, is_status_request(sentence, language)))
    return tuple(found)

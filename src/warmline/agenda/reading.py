"""Does a client message ask for a reply? A light reading the agenda can rely on.

The coach fills `questions`, `emotion` and `status_request` when it reads a stored
message; this module adds a fallback for messages it has not read (questions by
their question mark or a final 吗/呢) and spots requests ("发我", "could you").
A message needs a reply (S3) when it asks something, requests something, asks
for status, or shows anger or anxiety; thanks, acknowledgements and pure
information ("白样明天上午到", "Thanks, I'll be in touch") do not.
"""

from __future__ import annotations

import re

from warmline.agenda.state import MessageDigest

# The store keeps, per client, the newest message that asks something and the newest
# reply of ours with substance, both as this module reads them (store/activity.py).
# Change `asked` or `is_holding` and this number must go up, with a migration that
# rebuilds that summary; until then the agenda reads such clients' messages directly.
READING_VERSION = 1
_URL = re.compile(r"https?://\S+|www\.\S+")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_DIGIT = re.compile(r"\d")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HOLDING_MAX_WORDS = 6  # "Understood, working on it now." / "好的，收到，我看一下"
HOLDING_MAX_CHARS = 120
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])|(?<=[.;；])\s+")
_ZH_QUESTION_END = re.compile(r"[吗么呢][\s～~。.…]*$")
_REQUESTS = (
    "请",
    "麻烦",
    "帮我",
    "帮忙",
    "发我",
    "发给我",
    "给我发",
    "能不能",
    "能否",
    "可不可以",
    "确认一下",
    "回复我",
    "回我",
    "尽快",
    "please",
    "could you",
    "can you",
    "would you",
    "let me know",
    "send me",
    "asap",
    "urgent",
)


def questions_in(text: str) -> tuple[str, ...]:
    """Sentences of `text` that are questions (by ?/？ or a final 吗/呢)."""
    found: list[str] = []
    for sentence in _SENTENCE_END.split(_URL.sub(" ", text)):
        s = sentence.strip()
        if s and (s.endswith(("?", "？")) or _ZH_QUESTION_END.search(s)):
            found.append(s)
    return tuple(found)


_PING = re.compile(
    r"^\s*(?:\S{0,4}?在吗|在不在|在么|(?:hi|hello|hey)?[\s,]*(?:are you |you )?(?:there|around|online|free))"
    r"[\s？?！!。.~～]*$",
    re.IGNORECASE,
)


def is_ping(question: str) -> bool:
    """ "在吗？" / "林总在吗？" / "Are you there?": a call for attention, not a question to answer."""
    return bool(_PING.match(question))


def asked(message: MessageDigest) -> tuple[str, ...]:
    """The client's questions (pings left out): the coach's reading, or the fallback."""
    return questions_asked(message.questions, message.text)


def questions_asked(questions: tuple[str, ...], text: str) -> tuple[str, ...]:
    """`asked` for a message's coach questions and (digest-length) text."""
    found = questions or questions_in(text)
    return tuple(q for q in found if not is_ping(q))


def is_request(text: str) -> bool:
    low = text.casefold()
    return any(word in low for word in _REQUESTS)


def needs_reply(message: MessageDigest) -> bool:
    """True when an incoming message asks for an answer or shows the client is upset."""
    return needs_reply_to(message.questions, message.text, message.status_request, message.emotion)


def needs_reply_to(
    questions: tuple[str, ...], text: str, status_request: bool, emotion: str | None
) -> bool:
    """`needs_reply` for a message's parts (text cut as in a digest): a question or a
    ping, a status request, anger or anxiety, or a request."""
    return (
        bool(questions or questions_in(text))
        or status_request
        or emotion in ("anger", "anxiety")
        or is_request(text)
    )


def is_holding(text: str) -> bool:
    """A short reply with no substance: "收到", "ok", "Understood, working on it now".

    Short means at most HOLDING_MAX_WORDS words (a Chinese character counts half a
    word); a reply with a number in it (a date, a time, a price) or longer than
    HOLDING_MAX_CHARS characters is never holding.
    """
    if len(text) > HOLDING_MAX_CHARS:
        return False
    bare = _URL.sub(" ", text)
    if _DIGIT.search(bare):
        return False
    words = len(_LATIN_WORD.findall(bare)) + len(_HAN.findall(bare)) / 2
    return words <= HOLDING_MAX_WORDS

"""Whether a later message of ours answers a client's question (T4).

An approximation, documented in docs/agenda.md. A later outgoing message answers
a question when it

- quotes the question or shares one of its key terms (an English word of 4+
  letters that is not a stop word; a Chinese two-character term that is not a
  function word), so "报价周五发您" answers "报价什么时候发？"; or
- has substance: it is not a holding reply ("收到", "ok", "Understood, working on
  it now" — see agenda/reading.is_holding). People answer the message they reply to.

A holding reply or a pleasantry ("Thanks, have a nice day!") is "unrelated" and
leaves the question open.
"""

from __future__ import annotations

import re
from functools import lru_cache

from warmline.agenda.reading import is_holding
from warmline.core.text import is_cjk

_EN_STOP = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "also",
        "any",
        "anything",
        "are",
        "aren",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "can",
        "cannot",
        "could",
        "did",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "else",
        "even",
        "ever",
        "every",
        "from",
        "further",
        "have",
        "having",
        "here",
        "hers",
        "herself",
        "himself",
        "his",
        "how",
        "into",
        "itself",
        "just",
        "know",
        "like",
        "make",
        "many",
        "maybe",
        "more",
        "most",
        "much",
        "must",
        "need",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "today",
        "tomorrow",
        "under",
        "until",
        "upon",
        "very",
        "want",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "yourself",
        "could",
        "please",
        "thanks",
        "thank",
        "okay",
        "sure",
        "send",
        "sent",
        "still",
        "yet",
        "already",
        "going",
        "able",
    ]
)
# Question words, pronouns and fillers that every question shares.
_ZH_STOP = frozenset(
    [
        "什么",
        "怎么",
        "怎样",
        "怎么样",
        "为什么",
        "是否",
        "是不",
        "不是",
        "可以",
        "可不",
        "能不",
        "能否",
        "有没",
        "没有",
        "我们",
        "你们",
        "您们",
        "他们",
        "现在",
        "今天",
        "明天",
        "这个",
        "那个",
        "这边",
        "那边",
        "一下",
        "一些",
        "还是",
        "或者",
        "就是",
        "已经",
        "时候",
        "多少",
        "哪里",
        "哪个",
        "请问",
        "麻烦",
        "谢谢",
        "好的",
        "知道",
        "问下",
        "问一",
        "一个",
        "了吗",
        "的话",
        "要不",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@lru_cache(maxsize=4096)
def key_terms(text: str) -> frozenset[str]:
    """The terms of a question that an answer would likely repeat."""
    terms: set[str] = set()
    for word in _WORD.findall(text):
        w = word.lower().strip("'-")
        if len(w) >= 4 and w not in _EN_STOP:
            terms.add(w.rstrip("s") if len(w) > 4 else w)
    han = "".join(ch if is_cjk(ch) else " " for ch in text)
    for run in han.split():
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            if pair not in _ZH_STOP:
                terms.add(pair)
    return frozenset(terms)


def _reply_terms(text: str) -> set[str]:
    found: set[str] = set()
    for word in _WORD.findall(text):
        w = word.lower().strip("'-")
        found.add(w)
        found.add(w.rstrip("s"))
    han = "".join(ch if is_cjk(ch) else " " for ch in text)
    for run in han.split():
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def answers(question: str, reply: str) -> bool:
    """True when `reply` (a later outgoing message) plausibly answers `question`."""
    if not is_holding(reply):
        return True
    return mentions(question, reply)


def mentions(question: str, reply: str) -> bool:
    """True when `reply` quotes `question` or repeats one of its key terms."""
    q = " ".join(question.split())
    if len(q) >= 6 and q in reply:
        return True
    terms = key_terms(q)
    if not terms:
        return bool(reply.strip())
    return not terms.isdisjoint(_reply_terms(reply))

"""A long message is read where a whole-text search found something (coach/question.py
LONG_TEXT); this must find exactly what reading every sentence finds. And a long
message's emotion is read from its opening and closing (coach/emotion.py window)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from warmline.coach import emotion, extract, question
from warmline.coach.emotion import classify, window
from warmline.coach.extract import extract_commitments
from warmline.coach.question import find_questions, is_status_request

# Sentences written for this test: questions, status requests, promises, plain text,
# in both languages, and the edge cases of the whole-text searches (a question word
# wrapped to the next line, "still waiting" ending a sentence, "not yet").
PIECES = [
    "Could you send the logo files",
    "When will the samples ship?",
    "Any update on the deck.",
    "We are still waiting",
    "Is the site live yet",
    "It is not yet ready.",
    "I'll send the revised quote by 3 pm tomorrow.",
    "Sending the contract over now",
    "The meeting went well and the team liked the colours.",
    "what\nyou asked for is in the folder",
    "can\nany of you check this",
    "Let me know if Friday works",
    "Thanks for the update on the progress.",
    "How's the weather in Lisbon?",
    "Our legal team still hasn't signed off.",
    "样品什么时候能到？",
    "进度怎么样了",
    "方案呢？",
    "我周五前把方案发您。",
    "我们这边还在等领导审批",
    "谢谢及时同步进度！",
    "好的收到",
    "e.g. the 3.5 version ~ later",
    "Mr. Smith will call you",
    "",
]
SEPARATORS = [" ", "\n", "\n\n", ". ", "  ", "~ ", "\t"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = [rng.choice(PIECES) for _ in range(rng.randint(8, 40))]
        text = ""
        for part in parts:
            text += part + rng.choice(SEPARATORS)
        out.append(text)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reading_only_the_found_sentences_finds_what_reading_all_finds(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [t for t in _texts(150, seed=7) if len(t) > question.LONG_TEXT]
    assert len(texts) > 100
    sent = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)

    def readings() -> list[object]:
        return [
            (
                find_questions(t, lang),  # type: ignore[arg-type]
                is_status_request(t, lang),  # type: ignore[arg-type]
                extract_commitments(t, sent, "Asia/Shanghai", lang),  # type: ignore[arg-type]
            )
            for t in texts
        ]

    fast = readings()
    monkeypatch.setattr(question, "LONG_TEXT", 10**9)
    monkeypatch.setattr(extract, "LONG_TEXT", 10**9)
    slow = readings()
    assert fast == slow
    assert any(q for q, _, _ in slow) and any(s for _, s, _ in slow)
    assert any(p for _, _, p in slow)


def test_a_short_message_is_read_whole() -> None:
    text = "x" * (emotion.HEAD + emotion.TAIL)
    assert window(text) == (text, len(text), 0)


def test_a_long_message_is_read_from_its_opening_and_closing() -> None:
    opening = "I am really disappointed with how this went. "
    middle = "The appendix lists the part numbers and the sizes of each box. " * 60
    closing = "This is unacceptable, please call me today."
    text = opening + middle + closing
    read, tail_at, shift = window(text)
    assert read.startswith(opening) and read.endswith(closing)
    assert len(read) <= emotion.HEAD + emotion.TAIL + 1
    assert read[tail_at:] == text[tail_at + shift :]
    affect = classify(text, "en")
    assert affect.label == "anger"
    # every cue's offsets point at its words in the whole message
    assert affect.cues
    for cue in affect.cues:
        assert text[cue.start : cue.end] == cue.text
    assert any(cue.start > len(opening) + len(middle) for cue in affect.cues)

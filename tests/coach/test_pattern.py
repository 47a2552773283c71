"""The scanner's shortcut (try a rule only where its patterns can start) never
misses a match a plain regular-expression search would find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.coach import load_rules
from warmline.coach.engine import PREFIX
from warmline.coach.pattern import has_upper, join, lowered, prefixes

TOKENS = [(lang, t) for r in load_rules() for lang, ts in r.tokens for t in ts]
COMPILED = [
    (re.compile(join((t,), lang)), starts)
    for lang, t in TOKENS
    if (starts := prefixes(t, lang, PREFIX[lang])) is not None  # others are searched alone
]
EXAMPLES = [e.text for r in load_rules() for e in r.examples]
ALPHABET = sorted({c for text in EXAMPLES for c in text.lower()} | set(" \n，。"))


def _misses(text: str) -> list[tuple[str, int]]:
    low = lowered(text)
    missed = []
    for pattern, starts in COMPILED:
        for m in pattern.finditer(low):
            if not any(low.startswith(s, m.start()) for s in starts):
                missed.append((pattern.pattern, m.start()))
    return missed


def test_no_match_in_any_rule_example_is_missed() -> None:
    assert len(COMPILED) > 0.9 * len(TOKENS)
    for text in EXAMPLES:
        assert _misses(text) == [], text


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(
        st.one_of(st.sampled_from(EXAMPLES), st.text(alphabet=ALPHABET, max_size=12)),
        min_size=1,
        max_size=4,
    )
)
def test_no_match_in_spliced_text_is_missed(pieces: list[str]) -> None:
    assert _misses("".join(pieces)) == []


def test_prefixes_follow_optional_parts_and_classes() -> None:
    assert prefixes("下个?月", "zh", 2) == {"下个", "下月"}
    assert prefixes("[您你]总是", "zh", 2) == {"您总", "你总"}
    assert prefixes("i don't", "en", 3) is not None
    assert "i d" in (prefixes("i don't", "en", 3) or ())
    assert prefixes(".*x", "en", 2) is None


def test_lowering_keeps_offsets() -> None:
    text = "İstanbul ASAP"
    assert len(lowered(text)) == len(text)
    assert lowered(text).endswith("asap")


def test_upper_case_in_patterns_is_found_outside_escapes() -> None:
    assert has_upper("ASAP")
    assert not has_upper(r"\S+ \d asap")

"""The scanner's shortcut (search a pattern only where one RE2 pass over the draft says
it may match) never misses a match a plain regular-expression search would find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.coach import load_rules
from warmline.coach.engine import compile_rules
from warmline.coach.pattern import expand, has_upper, join, lowered
from warmline.core.scan import ScanSet

SCANNERS = compile_rules().scanners
EXAMPLES = [e.text for r in load_rules() for e in r.examples]
ALPHABET = sorted({c for text in EXAMPLES for c in text.lower()} | set(" \n，。"))


def _misses(text: str) -> list[tuple[str, str]]:
    low = lowered(text)
    missed = []
    for scanner in SCANNERS:
        listed = set(scanner.scan.which(low))
        for i in range(len(scanner.entries)):
            finder = scanner.finder(i)
            if i not in listed and finder.search(low) is not None:
                missed.append((scanner.lang, finder.pattern))
    return missed


def test_every_pattern_of_every_rule_is_in_a_scanner() -> None:
    tokens = sum(len(ts) for r in load_rules() for _, ts in r.tokens)
    assert sum(len(s.entries) for s in SCANNERS) == tokens


def test_no_match_in_any_rule_example_is_missed() -> None:
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


def test_the_set_answers_with_a_superset_and_keeps_patterns_re2_cannot_run() -> None:
    patterns = (
        re.compile(join(("周末",), "zh")),
        re.compile(join(("soon",), "en")),
        re.compile(r"(a)\1"),  # a back-reference: RE2 cannot run it, so always listed
    )
    scan = ScanSet(patterns)
    assert scan.which("see you soon，周末见") == [0, 1, 2]
    assert scan.which("nothing here") == [2]
    # "soonish" holds "soon" (RE2 drops the word edges), so it may be listed: a superset
    assert set(scan.which("soonish")) >= {2}


def test_lowering_keeps_offsets() -> None:
    text = "İstanbul ASAP"
    assert len(lowered(text)) == len(text)
    assert lowered(text).endswith("asap")


def test_upper_case_in_patterns_is_found_outside_escapes() -> None:
    assert has_upper("ASAP")
    assert not has_upper(r"\S+ \d asap")


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("any ?time", "call me anytime", True),
        ("any ?time", "call me any  time", True),
        ("non-? ?negotiable", "it's non-negotiable", True),
        ("a b", "ab", False),
        ("a b", "a   b", True),
        ("a +b", "a  b", True),
        ("a *b", "ab", True),
    ],
)
def test_an_english_space_is_one_or_more_and_an_optional_space_none_or_more(
    pattern: str, text: str, matches: bool
) -> None:
    assert bool(re.search(join((pattern,), "en"), text)) is matches


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("payment by 5 sept please", True),
        ("payment by the 5th of september", True),
        ("payment by sept 5th", True),
        ("payment by friday", True),
        ("payment by maybe tuesday", False),
        ("payment by septic tanks", False),  # a month is named whole
    ],
)
def test_named_pieces_expand_to_a_month_and_a_date(text: str, hit: bool) -> None:
    pattern = re.compile(expand("payment by {date}"))
    assert (pattern.match(text) is not None) is hit
    assert re.fullmatch(expand("{month}"), "may") and not re.match(expand("{month}"), "maybe")


def test_rule_files_load_with_named_pieces_expanded() -> None:
    patterns = [p for rule in load_rules() for _, ps in rule.exceptions for p in ps]
    assert not [p for p in patterns if "{month}" in p or "{date}" in p]
    assert any("sept?(?:ember)?" in p for p in patterns)

"""core.scan: the RE2 search finds every place the Python pattern matches (a superset)."""

from __future__ import annotations

import random
import re
import zlib

import pytest

from warmline.coach import extract, question
from warmline.core import scan
from warmline.core.scan import Scan, loosened

SCANS = [
    (name, value)
    for module in (question, extract)
    for name, value in vars(module).items()
    if isinstance(value, Scan)
]
PIECES = [
    "any update on the deck?",
    "where are we with the logo",
    "still waiting",
    "we'll send it over tomorrow",
    "sending the files now",
    "could you check",
    "what's the eta",
    "进度怎么样了",
    "方案呢",
    "我们周五前发您",
    "请问什么时候到",
    "café crème",
    "\u3000",
    "\xa0",
    "is it done yet",
    "has the café been fixed",
    "how's it going",
    "not yet",
    "…",
    "no",
]


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    out, m = [], pattern.search(text)
    while m is not None:
        out.append(m.start())
        m = pattern.search(text, m.start() + 1)
    return out


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    seps = [" ", "\n", ". ", "", "\xa0", "？", "!"]
    return [
        "".join(rng.choice(PIECES) + rng.choice(seps) for _ in range(rng.randint(3, 30)))
        for _ in range(200)
    ]


def test_every_pattern_the_readers_scan_for_runs_on_re2() -> None:
    wanted = [s for _, s in SCANS if s.engine]
    assert len(wanted) >= 10
    assert all(s.fast is not None for s in wanted) == (scan.re2 is not None)


@pytest.mark.parametrize(("name", "found"), SCANS, ids=[n for n, _ in SCANS])
def test_every_match_of_the_python_pattern_lies_in_a_span_found(name: str, found: Scan) -> None:
    for text in _texts(zlib.crc32(name.encode())):
        for t in (text, text.lower()):
            spans = found.spans(t)
            for p in _starts(found.pattern, t):
                assert any(a <= p < max(b, a + 1) for a, b in spans), (name, t, p)


def test_the_fallback_is_the_python_pattern_itself() -> None:
    pattern = re.compile(r"(?<=a)b\b")
    exact = Scan(pattern, engine=False)
    assert exact.exact and exact.spans("ab ab") == [(1, 2), (4, 5)]


def test_look_arounds_anchors_and_boundaries_are_loosened() -> None:
    assert loosened(re.compile(r"^(?<!x)foo\b(?=bar)$")) == "foo"
    assert loosened(re.compile(r"a\s+b")) is not None
    assert loosened(re.compile(r"(a)\1")) is None  # a back-reference: Python's re runs it


def test_for_a_yes_or_no_the_optional_ends_go_and_long_repeats_are_unbounded() -> None:
    pattern = r"[^?]{0,160}(?:what|which) +is[^.!?]{0,60}\?"
    assert loosened(pattern, anywhere=True) == (
        r"wh(?:at|ich)(?:\x{20}){1,}is(?:[^\x{2e}\x{21}\x{3f}]){0,}\x{3f}"
    )
    # each alternative of a group is trimmed, a group's flags kept; a pattern that may
    # match nothing becomes empty (it matches everywhere, as the pattern does)
    assert loosened(r"(?:a*b|c?d+e?)", anywhere=True) == "(?:b|(?:d){1,})"
    assert loosened(r"(?i:x{0,9}foo)", anywhere=True) == "(?i:foo)"
    assert loosened(r"(?:a*b|x?)", anywhere=True) == ""
    # the spans of a plain loosening stay the pattern's own (bounded, ends kept)
    assert loosened(r"[^?]{0,160}x") == r"(?:[^\x{3f}]){0,160}x"


@pytest.mark.skipif(scan.re2 is None, reason="RE2 is not installed")
def test_a_set_finds_every_pattern_that_matches_somewhere() -> None:
    patterns = (
        r"[^?]{0,160}what +is[^.!?]{0,60}\?",
        r"(?<![a-z])soon(?![a-z])",
        r"x{2,9}y?",
    )
    found = scan.ScanSet(patterns)
    for text in [*_texts(7), "so what is it?", "a " * 300 + "what is it ... ?", "xx"]:
        for t in (text, text.lower()):
            hits = found.which(t)
            for i, p in enumerate(patterns):
                if re.search(p, t):
                    assert i in hits, (p, t)


def test_a_scan_set_without_re2_searches_each_pattern_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scan, "re2", None)
    patterns = (re.compile("周末"), re.compile(r"(?<![a-z])soon(?![a-z])"))
    found = scan.ScanSet(patterns)
    assert found.which("see you soon") == [1]
    assert found.which("soonish") == []  # exact: the word edges count
    assert found.any("周末见") and not found.any("nothing")
    assert Scan(re.compile("x" * 400)).may_match("a" + "x" * 400)

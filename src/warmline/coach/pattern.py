"""Rule patterns as the engine compiles them, and the strings they can start with.

The engine finds candidate positions with one character class per language (the
first characters any pattern can start with), then tries only the rules whose
patterns can start with the next few characters there. `prefixes` reads those
starts from the parsed pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from warmline.core.text import Lang

# The engine matches patterns against the lower-cased draft, so patterns are written
# in lower case and compiled without IGNORECASE (much faster in Python's re).
# English patterns match whole words: no ASCII letter or digit may touch either end
# (a Han character may: "请ASAP确认").
EN_LEFT = r"(?<![a-z0-9])"
EN_RIGHT = r"(?![a-z0-9])"
_WIDE_RANGE = 300  # a character range wider than this is "any character" for our purpose


def prepare(pattern: str, lang: Lang) -> str:
    """English: a space matches one or more whitespace characters. Patterns run on
    `lowered` text, where every whitespace is a space and ’ is ', so ’ in a pattern
    is read as '."""
    pattern = pattern.replace("’", "'").replace("‘", "'")
    if lang == "en":
        return pattern.replace(" ", " +")
    return pattern


def join(patterns: tuple[str, ...], lang: Lang, *, left: bool = True) -> str:
    """One regular expression for several patterns of a language. `left=False` leaves
    out the left word boundary, for use at positions already known to be word starts."""
    body = "|".join(f"(?:{prepare(p, lang)})" for p in patterns)
    if lang != "en":
        return f"(?:{body})"
    return f"{EN_LEFT if left else ''}(?:{body}){EN_RIGHT}"


_NORMAL = {ord(c): " " for c in map(chr, range(0x3001)) if c.isspace()} | {
    ord("’"): "'",
    ord("‘"): "'",
}


@lru_cache(maxsize=64)
def lowered(text: str) -> str:
    """`text` in lower case, every whitespace a space and ’ an apostrophe, with every
    character at its place (offsets stay valid). Remembered for the last texts: one
    check lowers its draft in several places."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_NORMAL)


_ESCAPE = re.compile(r"\\.")


def has_upper(pattern: str) -> bool:
    """True when a pattern has an upper-case letter outside escapes (like \\S or \\W)."""
    return any(c.isupper() for c in _ESCAPE.sub("", pattern))


# `lowered` turns every whitespace into a space, so `\s` can only meet a space.
_SPACES = frozenset(" ")
_DIGITS = frozenset("0123456789")
_TOO_MANY = 4000  # give up (None) rather than enumerate more prefixes than this


def prefixes(pattern: str, lang: Lang, k: int = 2) -> frozenset[str] | None:
    """Every string of length k a match of `pattern` can start with (shorter when the
    whole match is shorter). None when it cannot tell: the pattern may start with
    almost any character, or match empty text."""
    found = _seq(list(sre_parse.parse(prepare(pattern, lang))), k)
    if found is None or "" in found or len(found) > _TOO_MANY:
        return None
    return frozenset(found)


def _seq(items: list[tuple[Any, Any]], k: int) -> set[str] | None:
    if k == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _seq(rest, k)  # zero-width
    heads = _item(op, av, k)
    if heads is None:
        return None
    out: set[str] = set()
    tails: set[str] | None = None
    for head in heads:
        if len(head) >= k:
            out.add(head[:k])
            continue
        if tails is None or len(head) != 0:
            tails = _seq(rest, k - len(head))
        if tails is None:
            return None
        out.update(head + t for t in tails)
        if len(out) > _TOO_MANY:
            return None
    return out


def _item(op: Any, av: Any, k: int) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        return _charset(av)
    if op is sre.CATEGORY:
        category = _category(av)
        return None if category is None else set(category)
    if op is sre.SUBPATTERN:
        return _seq(list(av[3]), k)
    if op is sre.ATOMIC_GROUP:
        return _seq(list(av), k)
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _seq(list(branch), k)
            if found is None:
                return None
            out |= found
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _seq(list(body), k)
        if once is None:
            return None
        result: set[str] = {""} if low == 0 else set()
        current = {""}
        for n in range(1, min(high, k) + 1):
            current = {(a + b)[:k] for a in current for b in once}
            if n >= low:
                result |= current
            if len(result) > _TOO_MANY:
                return None
        if low > k:
            result = {c for c in current if len(c) >= k}
        return result
    return None


def _category(av: Any) -> frozenset[str] | None:
    if av is sre.CATEGORY_DIGIT:
        return _DIGITS
    if av is sre.CATEGORY_SPACE:
        return _SPACES
    return None


def _charset(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] <= _WIDE_RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and _category(av) is not None:
            chars.update(_category(av) or ())
        else:
            return None
    return chars

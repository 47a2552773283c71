"""Rule patterns as the engine compiles them: joined per language, run on the draft
lowered (`lowered`), English ones bounded by word edges."""

from __future__ import annotations

import re
from functools import lru_cache

from warmline.core.text import Lang

# The engine matches patterns against the lower-cased draft, so patterns are written
# in lower case and compiled without IGNORECASE (much faster in Python's re).
# English patterns match whole words: no ASCII letter or digit may touch either end
# (a Han character may: "请ASAP确认").
EN_LEFT = r"(?<![a-z0-9])"
EN_RIGHT = r"(?![a-z0-9])"


# Named pieces a rule's pattern may use, written `{month}` and `{date}` (Python's re reads
# "{" before a letter as a literal, so no pattern meant these as text). `{month}` is a month
# name, whole ("may" but not "maybe"); `{date}` a day of ours or someone's: "12th (of) May",
# "May 12", a weekday, today, tonight or tomorrow. rule.py expands them as it loads a
# pattern, so the engine, the model rules and the tests all see the full expression.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
DATE = (
    rf"(?:(?:the )?\d{{1,2}}(?:st|nd|rd|th)?(?: (?:of )?{MONTH})?|{MONTH} \d{{1,2}}(?:st|nd|rd|th)?"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight)"
)
_MACROS = {"{month}": MONTH, "{date}": DATE}


def expand(pattern: str) -> str:
    """A pattern with its named pieces (`{month}`, `{date}`) written out."""
    if "{" not in pattern:
        return pattern
    for name, body in _MACROS.items():
        pattern = pattern.replace(name, body)
    return pattern


# A space in an English pattern and the quantifier after it, if any: " " and " +" are one
# or more spaces, " ?" and " *" (an optional space, "any ?time") none or more.
_EN_SPACE = re.compile(r" ([?*+]?)")
_EN_SPACE_AS = {"": " +", "+": " +", "?": " *", "*": " *"}


def _en_space(m: re.Match[str]) -> str:
    return _EN_SPACE_AS[m.group(1)]


def prepare(pattern: str, lang: Lang) -> str:
    """English: a space matches one or more whitespace characters, an optional space
    (" ?") none or more. Patterns run on `lowered` text, where every whitespace is a
    space and ’ is ', so ’ in a pattern is read as '."""
    pattern = pattern.replace("’", "'").replace("‘", "'")
    if lang == "en":
        return _EN_SPACE.sub(_en_space, pattern)
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

"""Where in a long text a pattern may match: a fast whole-text search (RE2).

The coach's readers decide sentence by sentence with Python's `re` (look-arounds,
anchors, Unicode word boundaries). On a long message (an email of a few thousand
characters) they first ask where their phrases can be at all, and read only those
sentences. That whole-text search is what `Scan` does, with Google's RE2 (the
`google-re2` package): a finite-automaton engine that runs a list of a hundred
phrases over a text in one linear pass, twenty times faster than `re` trying each
phrase at each position.

A `Scan` answers with a superset: every position where the Python pattern matches
is among its positions (never one fewer), though it may give more. It is built
from the Python pattern itself, loosened where RE2 has no equivalent: look-arounds,
anchors and word boundaries are dropped, and \\s, \\w, \\d become their Unicode
classes. When RE2 is not installed or a pattern cannot be loosened so, the Python
pattern is used as it is (exact, only slower). This is the one place that knows
which engine runs: swap it here.
"""

from __future__ import annotations

import importlib
import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

re2: Any
try:
    re2 = importlib.import_module("re2")
except ImportError:  # pragma: no cover - the fallback is tested by forcing it
    re2 = None

# Supersets of what Python's \s, \w and \d match in text, kept to byte ranges so RE2's
# automaton stays small: the ASCII members, and every character beyond ASCII.
_BEYOND_ASCII = r"\x{80}-\x{10ffff}"
_SPACE = r"\t-\r\x1c-\x20" + _BEYOND_ASCII
_WORD = r"0-9A-Za-z_" + _BEYOND_ASCII
_DIGIT = r"0-9" + _BEYOND_ASCII
_ANY_CHAR = r"\x{0}-\x{10ffff}"
_RE2_MAX_REPEAT = 1000
_RE2_MEMORY = 64 << 20  # room for the automaton of a long phrase list
_SHORT = 300  # a pattern shorter than this is searched as fast by re as by RE2
_WIDE = 4  # for a yes or no, a counted repeat of more than this becomes unbounded


def _options() -> Any:
    options = re2.Options()
    options.max_mem = _RE2_MEMORY
    return options


class _Unsupported(Exception):
    """A pattern RE2 cannot run, even loosened."""


def _char(code: int) -> str:
    ch = chr(code)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{{{code:x}}}"


def _class_members(items: list[tuple[Any, Any]]) -> tuple[bool, str]:
    negate = False
    out = []
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            out.append(_char(av))
        elif op is c.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is c.CATEGORY:
            if av is c.CATEGORY_SPACE:
                out.append(_SPACE)
            elif av is c.CATEGORY_WORD:
                out.append(_WORD)
            elif av is c.CATEGORY_DIGIT:
                out.append(_DIGIT)
            elif not negate:  # \S, \W, \D in a class: every character (a superset)
                out.append(_ANY_CHAR)
            else:
                raise _Unsupported(str(av))
        else:
            raise _Unsupported(str(op))
    return negate, "".join(out)


def _emit(pattern: Any, wide: bool = False) -> str:
    """RE2 source for a parsed Python pattern. `wide`: a long counted repeat becomes
    unbounded (`{0,160}` as `{0,}`), a superset whose automaton stays small: RE2
    spells a counted repeat out, so a leading `[^?]{0,160}` costs it 160 states at
    every position. For a yes-or-no answer only; spans would grow."""
    out = []
    for op, av in pattern:
        if op is c.LITERAL:
            out.append(_char(av))
        elif op is c.NOT_LITERAL:
            out.append(f"[^{_char(av)}]")
        elif op is c.ANY:
            out.append(".")
        elif op is c.IN:
            negate, members = _class_members(av)
            if negate and any(op2 is c.CATEGORY and av2 in _NEGATED for op2, av2 in av):
                raise _Unsupported("negated category in a negated class")
            out.append(f"[{'^' if negate else ''}{members}]")
        elif op is c.BRANCH:
            out.append("(?:" + "|".join(_emit(alt, wide) for alt in av[1]) + ")")
        elif op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            inner = _emit(sub, wide)
            out.append(f"(?i:{inner})" if add_flags & re.IGNORECASE else f"(?:{inner})")
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if low > _RE2_MAX_REPEAT:
                raise _Unsupported("repeat")
            unbounded = high is c.MAXREPEAT or high > _RE2_MAX_REPEAT or (wide and high > _WIDE)
            top = "" if unbounded else str(high)
            out.append(f"(?:{_emit(sub, wide)}){{{low},{top}}}")
        elif op is c.ATOMIC_GROUP:
            out.append(f"(?:{_emit(av, wide)})")
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # anchors, boundaries and look-arounds: dropped (a superset)
        else:
            raise _Unsupported(str(op))
    return "".join(out)


_NEGATED = (c.CATEGORY_NOT_SPACE, c.CATEGORY_NOT_WORD, c.CATEGORY_NOT_DIGIT)


# A Python pattern, compiled or as its source (flags inline): loosening needs only the
# source, so a set of a thousand phrases is built without compiling each for `re`.
Source = re.Pattern[str] | str


def _empty(item: tuple[Any, Any]) -> bool:
    """Can this item of a parsed pattern match the empty string?"""
    op, av = item
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return av[0] == 0 or all(map(_empty, av[2]))
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return True
    if op is c.SUBPATTERN:
        return all(map(_empty, av[3]))
    if op is c.ATOMIC_GROUP:
        return all(map(_empty, av))
    if op is c.BRANCH:
        return any(all(map(_empty, alt)) for alt in av[1])
    return False


def _core(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A sequence without its leading and trailing items that may match nothing: in
    an unanchored search, wherever the whole matches, its core does. A sequence that
    is one group or one alternation keeps its shape, each alternative trimmed."""
    while items and _empty(items[0]):
        items = items[1:]
    while items and _empty(items[-1]):
        items = items[:-1]
    if len(items) == 1:
        op, av = items[0]
        if op is c.BRANCH:
            return [(op, (av[0], [_core(list(alt)) for alt in av[1]]))]
        if op is c.SUBPATTERN:
            return [(op, (*av[:3], _core(list(av[3]))))]
    return items


def loosened(pattern: Source, *, anywhere: bool = False) -> str | None:
    """The RE2 pattern that matches wherever `pattern` does (and maybe elsewhere), or None.
    `anywhere`: for "does it match somewhere?" only (a set): the ends of each
    alternative that may match nothing are dropped and long counted repeats are
    unbounded, so the automaton stays small; the spans it finds are not the pattern's."""
    source, flags = (pattern, 0) if isinstance(pattern, str) else (pattern.pattern, pattern.flags)
    try:
        parsed = _parser.parse(source, flags & ~re.IGNORECASE)
        body = _emit(_core(list(parsed)), wide=True) if anywhere else _emit(parsed)
    except (_Unsupported, re.error):
        return None
    return f"(?i){body}" if (flags | parsed.state.flags) & re.IGNORECASE else body


def _compiled(pattern: Source) -> re.Pattern[str]:
    return re.compile(pattern) if isinstance(pattern, str) else pattern


class Scan:
    """The positions in a text where a Python pattern may match (see the module doc).

    The RE2 automaton is built on first use, not at import: a command that never reads
    a long message pays nothing for it.
    """

    __slots__ = ("_built", "_fast", "_set", "engine", "pattern")

    def __init__(self, pattern: re.Pattern[str], *, engine: bool = True) -> None:
        self.pattern = pattern
        self.engine = engine  # False: a pattern Python's re runs as fast (one character)
        self._fast: Any = None
        self._built = False
        self._set: ScanSet | None = None

    @property
    def fast(self) -> Any:
        """The compiled RE2 pattern, or None where the Python pattern serves."""
        if not self._built:
            self._built = True
            source = loosened(self.pattern) if self.engine and re2 is not None else None
            if source is not None:
                try:
                    self._fast = re2.compile(source, _options())
                except Exception:  # an RE2 limit (pattern size): the Python pattern serves
                    self._fast = None
        return self._fast

    @property
    def exact(self) -> bool:
        """Are the spans exactly the Python pattern's (no RE2)?"""
        return self.fast is None

    def may_match(self, text: str) -> bool:
        """False only when the Python pattern matches nowhere in `text`. A short
        pattern is searched with re (as fast); a long alternation is asked of an RE2
        set of one member, a yes or no without the spans a search computes."""
        if not self.engine or len(self.pattern.pattern) < _SHORT:
            return self.pattern.search(text) is not None
        if self._set is None:
            self._set = ScanSet((self.pattern,))
        return self._set.any(text)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of the matches found left to right. A match that overlaps
        another is not listed, but it starts inside the span of one that is: whoever
        reads every sentence a span touches reads it too."""
        return [m.span() for m in (self.fast or self.pattern).finditer(text)]


class ScanSet:
    """Which of many Python patterns may match somewhere in a text: one RE2 pass.

    The answer is a superset, as with `Scan`: every pattern that matches is listed
    (by its index, in order), and a few that do not may be. Since it answers no spans,
    each pattern is loosened further (`loosened(..., anywhere=True)`): on fresh chat
    text that halves the time its automaton takes. A pattern RE2 cannot run
    even loosened is always listed, and without RE2 each pattern is searched with
    Python's `re` (exact, much slower). The automaton is built on first use. Patterns
    may be given as sources: only that fallback compiles them.
    """

    __slots__ = ("_always", "_built", "_fallback", "_index", "_set", "patterns")

    def __init__(self, patterns: tuple[Source, ...]) -> None:
        self.patterns = patterns
        self._fallback: tuple[re.Pattern[str], ...] = ()  # compiled, when RE2 is missing
        self._set: Any = None
        self._index: list[int] = []  # RE2 set member -> index in `patterns`
        self._always: list[int] = []
        self._built = False

    def _build(self) -> None:
        self._built = True
        if re2 is None:
            self._fallback = tuple(map(_compiled, self.patterns))
            return
        members = re2.Set.SearchSet(_options())
        for i, pattern in enumerate(self.patterns):
            source = loosened(pattern, anywhere=True)
            if source is None:
                self._always.append(i)
                continue
            try:
                members.Add(source)
            except Exception:  # an RE2 limit: this pattern is searched on its own
                self._always.append(i)
                continue
            self._index.append(i)
        try:
            members.Compile()
        except Exception:  # pragma: no cover - an RE2 limit for the whole set
            self._always = list(range(len(self.patterns)))
            self._index = []
            return
        self._set = members

    def any(self, text: str) -> bool:
        """May any of the patterns match in `text`?"""
        if not self._built:
            self._build()
        if self._set is None:
            return any(p.search(text) is not None for p in self._fallback)
        return bool(self._always) or bool(self._set.Match(text))

    def which(self, text: str) -> list[int]:
        """The indices of the patterns that may match in `text`, in increasing order."""
        if not self._built:
            self._build()
        if self._set is None:
            return [i for i, p in enumerate(self._fallback) if p.search(text) is not None]
        hits = self._set.Match(text)
        if not hits and not self._always:
            return []
        index = self._index
        return sorted([*map(index.__getitem__, hits or ()), *self._always])

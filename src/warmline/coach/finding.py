"""What a check found in a draft: one span, the principle it breaks, and a rewrite."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["suggestion", "warning", "error"]
LEVELS: tuple[Level, ...] = ("suggestion", "warning", "error")


def level_rank(level: Level) -> int:
    """0 for a suggestion, 1 for a warning, 2 for an error."""
    return LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding. `start`/`end` are character offsets into the checked text.

    `message` is in the UI language; `suggestion` (a concrete rewrite, or a
    rewrite pattern) is in the draft's language. A finding about the whole
    draft spans it; one about something missing (an unanswered question, a
    human moment) is empty (`start == end == 0`).
    """

    rule: str
    principle: str
    level: Level
    start: int
    end: int
    match: str
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, str | int]:
        """The stable JSON shape (docs/coach.md)."""
        return {
            "rule": self.rule,
            "principle": self.principle,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "suggestion": self.suggestion,
        }

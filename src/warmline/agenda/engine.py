"""build_agenda: run every registered rule, drop what the user marked, rank the rest."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from warmline.agenda.item import AgendaItem
from warmline.agenda.rank import rank
from warmline.agenda.rule import RuleContext
from warmline.agenda.rules import RULES
from warmline.agenda.state import AgendaSettings, AgendaState
from warmline.core.ledger import AgendaMark

DEFAULT_SETTINGS = AgendaSettings()


def is_hidden(item: AgendaItem, marks: Mapping[str, AgendaMark], now: datetime) -> bool:
    """Done or snoozed for the item's current reason (a new reason shows it again)."""
    mark = marks.get(item.id)
    if mark is None or mark.reason != item.reason_key:
        return False
    if mark.action == "done":
        return True
    return mark.until is not None and now < mark.until


def build_agenda(
    state: AgendaState, now: datetime, settings: AgendaSettings = DEFAULT_SETTINGS
) -> list[AgendaItem]:
    """Every agenda item for the book at `now`, most urgent first."""
    ctx = RuleContext(state, now, settings)
    items = [item for rule in RULES for item in rule.check(ctx)]
    return rank(item for item in items if not is_hidden(item, state.marks, ctx.now))

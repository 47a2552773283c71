"""Urgency scores and the ranking order: explainable, deterministic.

urgency = timing + mood + kind, each a `Factor` the item carries:

- timing, prompt items (a reply, our promise, a call): overdue -> 100 + working
  hours late (ours, at most 48); not yet due -> 60 - hours until due (at least 0).
  So overdue beats due-soon.
- timing, routine items (an update, a feedback follow-up): overdue -> 60 +
  working hours late (at most 30); not yet due -> 30 - hours until due. So a
  client waiting on a reply beats a routine item that just fell due, and a badly
  overdue update still climbs.
- timing, soft items (a nudge, a revisit, stay in touch): once due -> 40 + days
  late (at most 20); a revisit due later today -> 35.
- mood: an angry client +50, an anxious one +25, a client waiting on an answer
  (a question or a status request) +15. So angry or waiting beats routine.
- kind: reply, our promise and calls +10; updates +5; nudges and revisits -10;
  stay in touch -20.

Ties break by due time, then kind order, then client name, then item ID.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from warmline.agenda.item import KIND_LABELS, KINDS, AgendaItem, Factor, Kind
from warmline.agenda.worktime import WorkingTime
from warmline.core.message import Emotion
from warmline.core.text import Text
from warmline.core.workcal import WorkCalendar

OVERDUE_BASE = 100.0
LATE_HOURS_CAP = 48.0
SOON_BASE = 60.0
ROUTINE_OVERDUE_BASE = 60.0
ROUTINE_LATE_HOURS_CAP = 30.0
ROUTINE_SOON_BASE = 30.0
SOFT_BASE = 40.0
SOFT_DAYS_CAP = 20.0

KIND_POINTS: dict[Kind, float] = {
    "reply": 10,
    "promise": 10,
    "meeting": 10,
    "update": 5,
    "feedback": 0,
    "nudge": -10,
    "revisit": -10,
    "touch": -20,
}
MOOD_POINTS: dict[str, float] = {"anger": 50, "anxiety": 25, "waiting": 15}

_KIND_ORDER = {k: n for n, k in enumerate(KINDS)}


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


def timing(
    due: datetime, now: datetime, me: WorkCalendar | WorkingTime, *, routine: bool = False
) -> Factor:
    """Points for how late (our working time) or how soon (wall clock) a deadline is."""
    base, cap, soon = (
        (ROUTINE_OVERDUE_BASE, ROUTINE_LATE_HOURS_CAP, ROUTINE_SOON_BASE)
        if routine
        else (OVERDUE_BASE, LATE_HOURS_CAP, SOON_BASE)
    )
    if due <= now:
        late = min(_hours(me.working_time_between(due, now, limit=timedelta(hours=cap))), cap)
        return Factor(
            base + late,
            Text(f"已逾期（超出 {late:g} 个工作小时）", f"overdue ({late:g} working hours late)"),
        )
    left = _hours(due - now)
    return Factor(
        max(0.0, soon - left),
        Text(f"{left:g} 小时后到期", f"due in {left:g} hours"),
    )


def soft_timing(due: datetime, now: datetime) -> Factor:
    """Points for a soft item (nudge, revisit, stay in touch): it only grows slowly once due."""
    if due > now:
        left = _hours(due - now)
        return Factor(SOFT_BASE - 5, Text(f"{left:g} 小时后到时间", f"due in {left:g} hours"))
    days = min((now - due).days, int(SOFT_DAYS_CAP))
    return Factor(
        SOFT_BASE + days,
        Text(f"已到时间（{days} 天前）", f"due ({days} days ago)"),
    )


def mood(emotion: Emotion | None, waiting: bool) -> tuple[Factor, ...]:
    """Points for how the client feels: angry or anxious, or waiting on an answer."""
    found: list[Factor] = []
    if emotion == "anger":
        found.append(Factor(MOOD_POINTS["anger"], Text("客户生气了", "the client is angry")))
    elif emotion == "anxiety":
        found.append(Factor(MOOD_POINTS["anxiety"], Text("客户着急", "the client is anxious")))
    if waiting:
        found.append(
            Factor(
                MOOD_POINTS["waiting"], Text("客户在等答复", "the client is waiting on an answer")
            )
        )
    return tuple(found)


KIND_FACTORS: dict[Kind, Factor] = {
    kind: Factor(
        points,
        Text(f"类型：{KIND_LABELS[kind].zh}", f"kind: {KIND_LABELS[kind].en.lower()}"),
    )
    for kind, points in KIND_POINTS.items()
}


def kind_factor(kind: Kind) -> Factor:
    return KIND_FACTORS[kind]


def total(factors: Iterable[Factor]) -> float:
    return round(sum(f.points for f in factors), 1)


def sort_key(item: AgendaItem) -> tuple[float, datetime, int, str, str]:
    return (-item.urgency, item.due, _KIND_ORDER[item.kind], item.client_name, item.id)


def rank(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """Most urgent first; the order depends only on the items, not on their input order."""
    return sorted(items, key=sort_key)

"""How often a project gets a progress update (S2), from its length.

About a week or less -> every 3 days; up to about a month -> weekly; longer, or
no due date -> weekly unless overridden. The table lives in `AgendaSettings`;
a project's own `cadence_days` wins. The length is taken from the project's
current due date, so moving the due date recomputes the cadence.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from warmline.agenda.state import AgendaSettings, CadenceStep
from warmline.core.ledger import Project


def project_length_days(project: Project) -> float | None:
    """Start to due, in days; None when the project has no due date."""
    if project.due is None:
        return None
    return max(0.0, (project.due - project.start).total_seconds() / 86400)


def cadence_days(project: Project, settings: AgendaSettings) -> float:
    """Days between updates for this project."""
    if project.cadence_days is not None and project.cadence_days > 0:
        return project.cadence_days
    length = project_length_days(project)
    if length is not None:
        for step in _ordered(settings.cadence):
            if length <= step.max_days:
                return step.every_days
    return settings.cadence_longer_days


@lru_cache(maxsize=64)
def _ordered(steps: tuple[CadenceStep, ...]) -> tuple[CadenceStep, ...]:
    return tuple(sorted(steps, key=lambda s: s.max_days))


def cadence(project: Project, settings: AgendaSettings) -> timedelta:
    return timedelta(days=cadence_days(project, settings))

"""S5 revisit: check in 7 and 30 days (configurable) after a project is completed.

A stage due by the end of our working day is shown (so the morning list holds
the afternoon's revisits). Only the latest stage that has come due is shown, and only within
`revisit_window_days` of its date (an old book does not flood the agenda with
revisits nobody will do). A message of ours on or after the stage date counts
as the revisit.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from warmline.agenda.item import AgendaItem, Kind
from warmline.agenda.rank import soft_timing
from warmline.agenda.rule import RuleContext, end_of_working_day
from warmline.core.text import Text
from warmline.templates.context import day_text

PRINCIPLE = "S5"
KIND: Kind = "revisit"


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    window = timedelta(days=ctx.settings.revisit_window_days)
    horizon = end_of_working_day(ctx)
    stages = sorted(set(ctx.settings.revisit_days), reverse=True)
    for project in ctx.state.projects:
        if project.status != "done" or project.completed_at is None or project.id is None:
            continue
        client = ctx.state.clients.get(project.client_id)
        if client is None or client.id is None:
            continue
        done = project.completed_at
        stage = next((d for d in stages if done + timedelta(days=d) <= horizon), None)
        if stage is None:
            continue
        due = done + timedelta(days=stage)
        if ctx.now >= due + window:
            continue
        last_out = ctx.state.activity_of(client.id).last_out_at
        if last_out is not None and last_out >= due:
            continue
        zone = ctx.state.profile.timezone
        reason = Text(
            f"「{project.title}」{day_text(done, zone, 'zh')}完成，已满 {stage} 天：回访 {client.name}",
            f"{project.title} was completed {day_text(done, zone, 'en')}: "
            f"{stage}-day check-in with {client.name}",
        )
        yield ctx.item(
            id=f"S5:client:{client.id}:project:{project.id}:day:{stage}",
            client=client,
            kind=KIND,
            principle=PRINCIPLE,
            due=due,
            reason=reason,
            message=ctx.message(
                client,
                "revisit",
                project=project.title,
                days=stage,
                proposed=ctx.call_slot(client),
            ),
            reason_key=f"stage:{stage}",
            factors=(soft_timing(due, ctx.now),),
            project_id=project.id,
        )

"""S2 progress update due, on a cadence set by the project's length.

"Last update" is our newest outgoing message on the project (a message with no
project counts when the client has only this one active project), or the
project's start. The update is due one cadence later, moved to our next working
moment. A client asking for status since the last update makes it due at once
(a missed cadence); while that request still awaits any reply, the S3 reply item
carries the update instead, so the two do not both appear.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from warmline.agenda.cadence import cadence, cadence_days, project_length_days
from warmline.agenda.item import AgendaItem, Kind
from warmline.agenda.rank import mood, timing
from warmline.agenda.rule import RuleContext, end_of_working_day
from warmline.agenda.state import ClientActivity, MessageDigest
from warmline.core.ledger import Project
from warmline.core.text import Text
from warmline.templates.context import day_text

PRINCIPLE = "S2"
KIND: Kind = "update"


def last_update(project: Project, activity: ClientActivity, sole_project: bool) -> datetime:
    """Our newest update on the project, never earlier than its start."""
    found = [project.start]
    mine = activity.last_out_by_project.get(project.id)
    if mine is not None:
        found.append(mine)
    if sole_project:
        loose = activity.last_out_by_project.get(None)
        if loose is not None:
            found.append(loose)
    return max(found)


def _status_request(
    project: Project, activity: ClientActivity, after: datetime
) -> MessageDigest | None:
    for m in activity.recent:
        if (
            m.direction == "in"
            and m.status_request
            and m.sent_at > after
            and m.project_id in (project.id, None)
        ):
            return m
    return None


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    horizon = end_of_working_day(ctx)
    next_updates: dict[timedelta, datetime] = {}
    for project in ctx.state.projects:
        if project.status != "active" or project.id is None:
            continue
        client = ctx.state.clients.get(project.client_id)
        if client is None or client.id is None:
            continue
        activity = ctx.state.activity_of(client.id)
        sole = len(ctx.active_projects(client.id)) == 1
        base = last_update(project, activity, sole)
        every = cadence(project, ctx.settings)
        due_raw = base + every
        asked = _status_request(project, activity, base)
        if asked is not None:
            if activity.last_out_at is None or asked.sent_at > activity.last_out_at:
                continue  # still unanswered: the S3 reply carries the update
            due = asked.sent_at
            key = f"asked:{asked.id}"
        else:
            if due_raw > horizon:  # moving it to a working moment only makes it later
                continue
            due = ctx.work.next_working_moment(due_raw)
            if due > horizon:
                continue
            periods = max(0, int((ctx.now - due_raw) / every)) if ctx.now > due_raw else 0
            key = f"since:{base.isoformat()}:{periods}"
        zone = ctx.state.profile.timezone
        days = cadence_days(project, ctx.settings)
        if asked is not None:
            reason = Text(
                f"{client.name} 问了「{project.title}」的进度，更新节奏没守住",
                f"{client.name} asked for status on {project.title}: the update cadence was missed",
            )
        elif base == project.start:
            reason = Text(
                f"「{project.title}」开始后还没发过进度（每 {days:g} 天一次）",
                f"No update on {project.title} since it started (every {days:g} days)",
            )
        else:
            reason = Text(
                f"「{project.title}」该发进度了：上次是{day_text(base, zone, 'zh')}，每 {days:g} 天一次",
                f"Update on {project.title} due: last one {day_text(base, zone, 'en')}, every {days:g} days",
            )
        next_update = next_updates.get(every)
        if next_update is None:
            next_update = next_updates[every] = ctx.work.next_working_moment(ctx.now + every)
        length = project_length_days(project)
        span = (
            Text("无截止日期", "no due date")
            if length is None
            else Text(f"{length:.0f} 天", f"{length:.0f} days")
        )
        details = (
            Text(
                f"项目周期：{span.zh}；更新节奏：每 {days:g} 天",
                f"Project: {span.en}; cadence: every {days:g} days",
            ),
        )
        yield ctx.item(
            id=f"S2:client:{client.id}:project:{project.id}",
            client=client,
            kind=KIND,
            principle=PRINCIPLE,
            due=due,
            reason=reason,
            message=ctx.message(
                client,
                "update",
                project=project.title,
                proposed=next_update,
                variant="asked" if asked is not None else "",
            ),
            reason_key=key,
            factors=(timing(due, ctx.now, ctx.work, routine=True), *mood(None, asked is not None)),
            details=details,
            project_id=project.id,
        )

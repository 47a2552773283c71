"""S4 feedback follow-up: a delivery whose feedback-by time passed in silence.

Due at the deliverable's `feedback_by` (plus a configurable grace), or, when it
has none, `feedback_default_working_days` of our working days after it was sent.
Any client message after the delivery counts as a response.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from warmline.agenda.item import AgendaItem, Kind
from warmline.agenda.rank import timing
from warmline.agenda.rule import RuleContext
from warmline.core.text import Text
from warmline.templates.context import day_text

PRINCIPLE = "S4"
KIND: Kind = "feedback"


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    grace = timedelta(hours=ctx.settings.feedback_grace_hours)
    for d in ctx.state.deliverables:
        if d.feedback_at is not None or d.id is None:
            continue
        client = ctx.state.clients.get(d.client_id)
        if client is None or client.id is None:
            continue
        activity = ctx.state.activity_of(client.id)
        if activity.last_in_at is not None and activity.last_in_at > d.sent_at:
            continue
        if d.feedback_by is not None:
            by = d.feedback_by
        else:
            by = ctx.work.add_working_time(
                d.sent_at, ctx.me.day_length * ctx.settings.feedback_default_working_days
            )
        due = by + grace
        if due > ctx.now:
            continue
        zone = ctx.state.profile.timezone
        project = ctx.project(d.project_id)
        reason = Text(
            f"{day_text(d.sent_at, zone, 'zh')}发给 {client.name} 的「{d.what}」，"
            f"反馈期限{day_text(by, zone, 'zh')}已过，还没有回音",
            f"{client.name} has not responded to {d.what} (sent {day_text(d.sent_at, zone, 'en')}, "
            f"feedback due {day_text(by, zone, 'en')})",
        )
        yield ctx.item(
            id=f"S4:client:{client.id}:deliverable:{d.id}",
            client=client,
            kind=KIND,
            principle=PRINCIPLE,
            due=due,
            reason=reason,
            message=ctx.message(
                client,
                "feedback",
                what=d.what,
                at=d.sent_at,
                project=project.title if project else "",
                proposed=ctx.call_slot(client),
            ),
            reason_key=f"by:{by.isoformat()}",
            factors=(timing(due, ctx.now, ctx.work, routine=True),),
            project_id=d.project_id,
        )

"""Stay in touch: an active client or lead with no contact either way for too long.

The gap is `touch_gap_days` (default 14) for active clients and
`lead_touch_gap_days` (default 7) for leads; with no message at all it runs from
when the client was added. Clients with an active project are left to S2 (their
updates keep contact). The item cites R3: a human check-in, not a sales push.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from warmline.agenda.item import AgendaItem, Kind
from warmline.agenda.rank import soft_timing
from warmline.agenda.rule import RuleContext
from warmline.core.ledger import Project
from warmline.core.text import Text
from warmline.templates.context import day_text

PRINCIPLE = "R3"
KIND: Kind = "touch"


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    latest_project: dict[int, Project] = {}
    for p in ctx.state.projects:
        known = latest_project.get(p.client_id)
        if known is None or (p.completed_at or p.start) > (known.completed_at or known.start):
            latest_project[p.client_id] = p
    zone = ctx.state.profile.timezone
    for client_id, client in ctx.state.clients.items():
        if client.status not in ("active", "lead") or client.archived_at is not None:
            continue
        if ctx.active_projects(client_id):
            continue
        last = ctx.state.activity_of(client_id).last_contact_at or client.created_at
        if last is None:
            continue
        lead = client.status == "lead"
        gap = timedelta(
            days=ctx.settings.lead_touch_gap_days if lead else ctx.settings.touch_gap_days
        )
        due = last + gap
        if due > ctx.now:
            continue
        silent = (ctx.now - last).days
        cycle = int((ctx.now - last) / gap)
        reason = Text(
            f"与{'潜在客户 ' if lead else ''}{client.name} 已 {silent} 天没有联系（上次{day_text(last, zone, 'zh')}）",
            f"No contact with {'lead ' if lead else ''}{client.name} for {silent} days "
            f"(last {day_text(last, zone, 'en')})",
        )
        previous = latest_project.get(client_id)
        project = previous.title if previous is not None else ""
        yield ctx.item(
            id=f"R3:client:{client_id}:touch",
            client=client,
            kind=KIND,
            principle=PRINCIPLE,
            due=due,
            reason=reason,
            message=ctx.message(
                client,
                "touch",
                variant="lead" if lead else "",
                project=project,
                proposed=ctx.call_slot(client) if lead else None,
            ),
            reason_key=f"since:{last.isoformat()}:{cycle}",
            factors=(soft_timing(due, ctx.now),),
        )

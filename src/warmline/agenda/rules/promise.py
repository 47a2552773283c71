"""T2 promises: ours due within the next working day or overdue; the client's overdue.

Our promise is shown once its due time is before the end of our next working
day; past due it is overdue and the draft owns the delay and gives a new time.
The client's promise gets a gentle nudge once it is `promise_nudge_grace_hours`
late; a nudge is never urgent, so it is scored as a soft item. Promises with no due time are not agenda items (the coach asks for one).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from warmline.agenda.item import AgendaItem
from warmline.agenda.rank import soft_timing, timing
from warmline.agenda.rule import RuleContext
from warmline.core.text import Text
from warmline.templates.context import local_text

PRINCIPLE = "T2"
KINDS = ("promise", "nudge")


def _clip(text: str, limit: int = 40) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    horizon = ctx.me.next_working_day_end(ctx.now)
    grace = timedelta(hours=ctx.settings.promise_nudge_grace_hours)
    zone = ctx.state.profile.timezone
    for c in ctx.state.commitments:
        if c.status != "open" or c.due is None or c.id is None:
            continue
        client = ctx.state.clients.get(c.client_id)
        if client is None or client.id is None:
            continue
        what = _clip(c.text)
        when_zh, when_en = local_text(c.due, zone, "zh"), local_text(c.due, zone, "en")
        if c.by == "us":
            if c.due > horizon:
                continue
            late = c.due <= ctx.now
            if late:
                reason = Text(
                    f"答应 {client.name} 的「{what}」已逾期（原定{when_zh}）",
                    f'Overdue promise to {client.name}: "{what}" (due {when_en})',
                )
            else:
                reason = Text(
                    f"答应 {client.name} 的「{what}」{when_zh}到期",
                    f'Promise to {client.name} due {when_en}: "{what}"',
                )
            yield ctx.item(
                id=f"T2:client:{client.id}:promise:{c.id}",
                client=client,
                kind="promise",
                principle=PRINCIPLE,
                due=c.due,
                reason=reason,
                message=ctx.message(
                    client,
                    "promise",
                    what=c.text,
                    at=c.due,
                    proposed=ctx.answer_by(client) if late else None,
                    variant="overdue" if late else "due",
                ),
                reason_key=("overdue:" if late else "due:") + c.due.isoformat(),
                factors=(timing(c.due, ctx.now, ctx.work),),
                project_id=c.project_id,
            )
        else:
            nudge_at = c.due + grace
            if nudge_at > ctx.now:
                continue
            reason = Text(
                f"{client.name} 答应的「{what}」已过期（原定{when_zh}），可以温和地提醒一下",
                f'{client.name}\'s promise "{what}" is overdue (due {when_en}): a gentle nudge',
            )
            yield ctx.item(
                id=f"T2:client:{client.id}:their-promise:{c.id}",
                client=client,
                kind="nudge",
                principle=PRINCIPLE,
                due=c.due,
                reason=reason,
                message=ctx.message(
                    client,
                    "promise",
                    what=c.text,
                    at=c.due,
                    proposed=ctx.calendar(client).next_working_day_end(ctx.now),
                    variant="theirs",
                ),
                reason_key="late:" + c.due.isoformat(),
                factors=(soft_timing(c.due, ctx.now),),
                project_id=c.project_id,
            )

"""T3/R1 meeting prep: calls in the next 24 hours.

Shows the start in both zones, the client's personal notes, and two or three
small-talk openers (R1) built from those notes, their city, the time of day
there and a public holiday in their country around the call. The suggested
message confirms the time in the client's zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from warmline.agenda.item import AgendaItem, Factor, Kind
from warmline.agenda.rank import timing
from warmline.agenda.rule import RuleContext
from warmline.core.clock import local
from warmline.core.ledger import Meeting
from warmline.core.text import Text
from warmline.core.workcal import WorkCalendar
from warmline.templates import OpenerFacts, openers
from warmline.templates.context import local_text

PRINCIPLE = "T3"
KIND: Kind = "meeting"
SOON = timedelta(hours=2)
SOON_POINTS = 20.0
# Days around the call, nearest first, in which a public holiday is worth mentioning.
HOLIDAY_OFFSETS = (0, -1, 1, 2, -2, 3)


def nearby_holiday(cal: WorkCalendar, meeting: Meeting, lang: str) -> tuple[str, int]:
    """(holiday name, days from the call) for a holiday near the call there, or ("", 0)."""
    day = local(meeting.start, meeting.timezone).date()
    for offset in HOLIDAY_OFFSETS:
        name = cal.holiday_name(day + timedelta(days=offset), lang)
        if name:
            return name, offset
    return "", 0


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    until = ctx.now + timedelta(hours=ctx.settings.meeting_window_hours)
    me_zone = ctx.state.profile.timezone
    for m in ctx.state.meetings:
        if m.id is None or not (ctx.now <= m.start <= until):
            continue
        client = ctx.state.clients.get(m.client_id)
        if client is None or client.id is None:
            continue
        their_zone = m.timezone or client.timezone
        lang = client.language
        notes = tuple(n.text for n in ctx.state.notes.get(client.id, ()) if n.kind == "personal")
        holiday, offset = nearby_holiday(ctx.calendar(client), m, lang)
        lines = openers(
            OpenerFacts(
                lang=lang,
                local_start=local(m.start, their_zone),
                city=client.city,
                holiday=holiday,
                holiday_offset_days=offset,
                notes=notes[:2],
            )
        )
        mine_zh, mine_en = (
            local_text(m.start, me_zone, "zh"),
            local_text(m.start, me_zone, "en"),
        )
        theirs_zh = local_text(m.start, their_zone, "zh")
        theirs_en = local_text(m.start, their_zone, "en")
        reason = Text(
            f"与 {client.name} 的{m.title or '通话'}：{mine_zh}（对方 {theirs_zh}）",
            f"{m.title or 'Call'} with {client.name}: {mine_en} (theirs {theirs_en})",
        )
        details = [
            Text(f"我方时间：{mine_zh}", f"Your time: {mine_en}"),
            Text(f"对方时间：{theirs_zh}", f"Their time: {theirs_en}"),
        ]
        details.extend(Text(f"备注：{n}", f"Note: {n}") for n in notes[:5])
        factors = [timing(m.start, ctx.now, ctx.work)]
        if m.start - ctx.now <= SOON:
            factors.append(Factor(SOON_POINTS, Text("两小时内开始", "starts within 2 hours")))
        yield ctx.item(
            id=f"T3:client:{client.id}:meeting:{m.id}",
            client=client,
            kind=KIND,
            principle=PRINCIPLE,
            due=m.start,
            reason=reason,
            message=ctx.message(
                client,
                "meeting",
                at=m.start,
                duration_minutes=m.duration_minutes,
                what=m.title,
                zone=their_zone,
            ),
            reason_key=f"start:{m.start.isoformat()}",
            factors=tuple(factors),
            details=tuple(details),
            openers=lines,
            related=("R1",),
        )

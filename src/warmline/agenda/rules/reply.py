"""S3 reply due, kept open by T4 unanswered questions.

A client message that needs a reply (agenda/reading.py: a question, a request, a
status request, anger or anxiety; not thanks or information) with no later
message of ours is waiting; its age is counted in *our* working time and it is due `reply_target` (default 2 working hours) after it
arrived. A question the client asked within the question window stays open even
after we wrote back, unless a later message of ours plausibly answers it (see
agenda/answer.py): then the item cites T4.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from warmline.agenda.answer import mentions
from warmline.agenda.item import AgendaItem, Kind
from warmline.agenda.rank import mood, timing
from warmline.agenda.reading import asked, is_holding, needs_reply
from warmline.agenda.rule import RuleContext, working_age
from warmline.agenda.state import ClientActivity, MessageDigest
from warmline.core.client import Client
from warmline.core.message import Emotion
from warmline.core.text import Text
from warmline.templates.context import day_text

PRINCIPLE = "S3"
AGE_CAP = 30  # working days; older waits read "30 working days"
KIND: Kind = "reply"


def open_questions(activity: ClientActivity, since: datetime) -> list[tuple[MessageDigest, str]]:
    """(message, question) pairs from `since` on that no later message of ours answers.

    One pass from the newest message back: once a substantive reply of ours is seen,
    everything before it counts as answered (agenda/answer.py); until then, a
    question stays open unless one of our holding replies after it mentions it.
    """
    found: list[list[tuple[MessageDigest, str]]] = []
    holding_after: list[str] = []
    for msg in reversed(activity.recent):
        if msg.direction == "out":
            if not is_holding(msg.text):
                break
            holding_after.append(msg.text)
            continue
        if msg.sent_at < since:
            break
        open_here = [
            (msg, q) for q in asked(msg) if not any(mentions(q, text) for text in holding_after)
        ]
        if open_here:
            found.append(open_here)
    return [pair for group in reversed(found) for pair in group]


def _worst(emotions: list[Emotion | None]) -> Emotion | None:
    for level in ("anger", "anxiety"):
        if level in emotions:
            return level
    return None


def _clip(text: str, limit: int = 30) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def check(ctx: RuleContext) -> Iterator[AgendaItem]:
    since = ctx.now - ctx.settings.question_window
    for client_id, client in ctx.state.clients.items():
        activity = ctx.state.activity.get(client_id)
        if activity is None or activity.last_in_at is None or not activity.recent:
            continue
        last_out = activity.last_out_at
        pending = [
            m
            for m in activity.recent
            if m.direction == "in" and (last_out is None or m.sent_at > last_out) and needs_reply(m)
        ]
        questions = open_questions(activity, since)
        if pending:
            yield _reply(ctx, client, pending, questions)
        elif questions:
            yield _unanswered(ctx, client, questions)


def _status_project(ctx: RuleContext, client: Client, pending: list[MessageDigest]) -> str:
    for m in pending:
        if m.status_request:
            project = ctx.project(m.project_id)
            if project is not None:
                return project.title
    assert client.id is not None
    active = ctx.active_projects(client.id)
    return active[0].title if len(active) == 1 else ""


def _reply(
    ctx: RuleContext,
    client: Client,
    pending: list[MessageDigest],
    questions: list[tuple[MessageDigest, str]],
) -> AgendaItem:
    first = pending[0]
    due = ctx.work.add_working_time(first.sent_at, ctx.reply_target)
    waited = ctx.work.working_time_between(
        first.sent_at, ctx.now, limit=AGE_CAP * ctx.me.day_length
    )
    age = working_age(waited, ctx.me)
    emotion = _worst([m.emotion for m in pending])
    status = any(m.status_request for m in pending)
    asked = [q for _, q in questions]
    waiting = bool(asked) or status
    if waited < timedelta(minutes=3):  # "waiting 0 working hours" says nothing
        reason = Text(
            f"{client.name} 在您的工作时间之外来了消息，等您回复",
            f"{client.name} wrote outside your working hours and is waiting for a reply",
        )
    else:
        reason = Text(
            f"{client.name} 的消息已等待 {age.zh}",
            f"{client.name} has been waiting {age.en} for a reply",
        )
    notes: list[Text] = []
    if emotion == "anger":
        reason = Text("（生气）" + reason.zh, "(angry) " + reason.en)
    if asked:
        reason = Text(
            reason.zh + f"，有 {len(asked)} 个问题待答",
            reason.en + f"; {len(asked)} question{'s' if len(asked) > 1 else ''} to answer",
        )
        notes.extend(Text(f"问题：{q}", f"Question: {q}") for q in asked)
    project = _status_project(ctx, client, pending) if status else ""
    if status:
        notes.append(
            Text(
                "客户在问进度：更新节奏没守住（S2），回复里带上进度",
                "The client asked for status: the update cadence was missed (S2); include an update",
            )
        )
    if first.text:
        notes.insert(
            0, Text(f"客户消息：{_clip(first.text, 80)}", f"Their message: {_clip(first.text, 80)}")
        )
    proposed = ctx.me.next_working_day_end(ctx.now) if status else ctx.answer_by(client)
    message = ctx.message(
        client,
        "reply",
        questions=tuple(asked),
        emotion=emotion,
        status_request=status,
        project=project,
        proposed=proposed,
        variant="late" if due <= ctx.now else "",
    )
    # New questions arrive in new messages, so the newest waiting message is the reason;
    # questions leaving the window as time passes do not make a new reason.
    key = f"last:{pending[-1].id}"
    assert client.id is not None
    related = tuple(p for p, on in (("T4", bool(asked)), ("S2", status)) if on)
    return ctx.item(
        id=f"S3:client:{client.id}:msg:{first.id}",
        client=client,
        kind=KIND,
        principle=PRINCIPLE,
        due=due,
        reason=reason,
        message=message,
        reason_key=key,
        factors=(timing(due, ctx.now, ctx.work), *mood(emotion, waiting)),
        details=tuple(notes),
        related=related,
        project_id=first.project_id,
    )


def _unanswered(
    ctx: RuleContext, client: Client, questions: list[tuple[MessageDigest, str]]
) -> AgendaItem:
    first, first_q = questions[0]
    due = ctx.work.add_working_time(first.sent_at, ctx.reply_target)
    asked = [q for _, q in questions]
    day_zh = day_text(first.sent_at, ctx.state.profile.timezone, "zh")
    day_en = day_text(first.sent_at, ctx.state.profile.timezone, "en")
    reason = Text(
        f"{client.name} {day_zh}问的「{_clip(first_q)}」还没有答复",
        f'{client.name}\'s question "{_clip(first_q)}" from {day_en} is still unanswered',
    )
    if len(asked) > 1:
        reason = Text(reason.zh + f"（共 {len(asked)} 个）", reason.en + f" ({len(asked)} in all)")
    message = ctx.message(
        client,
        "reply",
        questions=tuple(asked),
        proposed=ctx.answer_by(client),
        variant="late",
    )
    assert client.id is not None
    return ctx.item(
        id=f"T4:client:{client.id}:msg:{first.id}",
        client=client,
        kind=KIND,
        principle="T4",
        due=due,
        reason=reason,
        message=message,
        reason_key=f"q:{max(m.id for m, _ in questions)}",
        factors=(timing(due, ctx.now, ctx.work), *mood(None, True)),
        details=tuple(Text(f"问题：{q}", f"Question: {q}") for q in asked),
        related=("S3",),
        project_id=first.project_id,
    )

"""Reply to a waiting client (S3), answering every question (T4).

An angry message gets the response plan of METHOD.md: acknowledge, own it as
the company, cause and fix, paraphrase the need, ask for the latest acceptable
date, commit to the next update. Brackets mark what only the user can fill in.
"""

from __future__ import annotations

from dataclasses import replace

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def _quote(question: str, limit: int = 40) -> str:
    q = " ".join(question.split())
    return q if len(q) <= limit else q[: limit - 1] + "…"


def _answers(ctx: MessageContext) -> list[str]:
    lines: list[str] = []
    many = len(ctx.questions) > 1
    for n, q in enumerate(ctx.questions, start=1):
        lead = f"{n}. " if many else ""
        lines.append(
            ctx.pick(
                f"{lead}关于「{_quote(q)}」：【明确答复】",
                f'{lead}On "{_quote(q)}": [your clear answer]',
            )
        )
    if ctx.proposed is not None:
        lines.append(
            ctx.pick(
                f"如果哪一点还需要我这边确认，我会在{ctx.when(ctx.proposed)}前给您明确答复。",
                f"If any point needs checking on my side, I'll give you a definite answer by {ctx.when(ctx.proposed)}.",
            )
        )
    return lines


def _angry(ctx: MessageContext) -> str:
    plan = ctx.pick(
        f"{greeting(ctx.client_name, 'zh')}\n非常抱歉让您失望了，这确实打乱了您的安排，责任在我们。"
        "问题出在【简要说明原因】，我们的改正办法是【具体措施】。"
        "为了这次完全符合您的要求，我确认一下：您需要的是【复述需求】，对吗？"
        "另外，您这边最晚可以接受的交付时间是哪一天？"
        + (
            f"我会在{ctx.when(ctx.proposed)}前向您同步最新进展。"
            if ctx.proposed
            else "我会尽快给您明确的时间表。"
        ),
        f"{greeting(ctx.client_name, 'en')}\nI'm sorry we let you down — I can see this has thrown your plans off, "
        "and that's on us. What went wrong: [brief cause]. How we're fixing it: [the fix]. "
        "So we get it right this time: you need [paraphrase the requirement], correct? "
        "And what is the latest delivery date that still works for you? "
        + (
            f"I'll send you the next update by {ctx.when(ctx.proposed)}."
            if ctx.proposed
            else "I'll come back to you with a firm timeline."
        ),
    )
    if not ctx.questions:
        return plan
    return "\n".join([plan, *_answers(replace(ctx, proposed=None))])


def render(ctx: MessageContext) -> str:
    """A reply draft in the client's language."""
    if ctx.emotion == "anger":
        return _angry(ctx)
    parts = [greeting(ctx.client_name, ctx.lang)]
    if ctx.emotion == "anxiety":
        parts.append(
            ctx.pick(
                "明白您这边着急，我先把关键的说清楚。",
                "I know this is pressing for you, so here's the key part first.",
            )
        )
    elif ctx.variant == "late":
        parts.append(ctx.pick("抱歉回复晚了。", "Sorry for the slow reply."))
    else:
        parts.append(ctx.pick("收到，谢谢您的消息。", "Thanks for your message."))
    if ctx.status_request and ctx.project:
        parts.append(
            ctx.pick(
                f"{ctx.project}目前的进展：已完成【已完成的部分】；接下来【下一步】。",
                f"Where {ctx.project} stands: done — [what is finished]; next — [the next step].",
            )
        )
    if ctx.questions:
        parts.extend(_answers(ctx))
    elif not ctx.status_request:
        parts.append(ctx.pick("【您的回复】", "[your reply]"))
    if ctx.status_request and ctx.proposed is not None:
        parts.append(
            ctx.pick(
                f"下一次进度更新：{ctx.when(ctx.proposed)}。",
                f"Next update: {ctx.when(ctx.proposed)}.",
            )
        )
    return "\n".join(parts)

"""Promises (T2): deliver ours on time, own it when late, nudge the client gently."""

from __future__ import annotations

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def render(ctx: MessageContext) -> str:
    """`variant`: "due" (ours, due soon), "overdue" (ours, late) or "theirs" (client's, late)."""
    what = ctx.what or ctx.pick("约定的内容", "what we agreed")
    lines = [greeting(ctx.client_name, ctx.lang)]
    if ctx.variant == "overdue":
        lines.append(
            ctx.pick(
                f"之前答应在{ctx.when(ctx.at)}前给您的「{what}」没能按时送到，这是我们的问题，抱歉。"
                "目前进展：【进展】。",
                f'I promised you "{what}" by {ctx.when(ctx.at)} and missed it — that\'s on me, sorry. '
                "Where it stands: [progress].",
            )
        )
        if ctx.proposed is not None:
            lines.append(
                ctx.pick(
                    f"我会在{ctx.when(ctx.proposed)}前发给您。",
                    f"You'll have it by {ctx.when(ctx.proposed)}.",
                )
            )
    elif ctx.variant == "theirs":
        lines.append(
            ctx.pick(
                f"想跟您确认一下「{what}」（之前说{ctx.when(ctx.at)}前发过来）。",
                f'Just checking on "{what}" (we had it down for {ctx.when(ctx.at)}).',
            )
        )
        if ctx.proposed is not None:
            lines.append(
                ctx.pick(
                    f"如果能在{ctx.when(ctx.proposed)}前收到，我们就能按原计划推进。有什么需要我这边帮忙的吗？",
                    f"If we can have it by {ctx.when(ctx.proposed)}, we stay on the original plan. "
                    "Anything I can do to help?",
                )
            )
    else:
        lines.append(
            ctx.pick(
                f"按约定，「{what}」发给您：【附件或链接】。有任何问题随时告诉我。",
                f'As promised, here is "{what}": [attachment or link]. Any questions, just let me know.',
            )
        )
    return "\n".join(lines)

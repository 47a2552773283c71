"""Ask for the client's view on a delivery they have not answered (S4)."""

from __future__ import annotations

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def render(ctx: MessageContext) -> str:
    what = ctx.what or ctx.pick("资料", "the material")
    sent = ctx.day(ctx.at)
    lines = [
        greeting(ctx.client_name, ctx.lang),
        ctx.pick(
            f"{sent}发给您的{what}，不知道您看过了吗？想听听您的意见：哪些地方合适、哪些需要调整，直接告诉我就好。",
            f"I wanted to check in on the {what} I sent on {sent}. What do you think — "
            "is there anything you'd like changed?",
        ),
    ]
    if ctx.proposed is not None:
        lines.append(
            ctx.pick(
                f"如果方便，{ctx.when(ctx.proposed)}我们可以花 15 分钟一起过一遍。",
                f"If it helps, we could go through it together in 15 minutes on {ctx.when(ctx.proposed)}.",
            )
        )
    return "\n".join(lines)

"""Check in after a project is completed (S5): a week after, and a month after."""

from __future__ import annotations

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def render(ctx: MessageContext) -> str:
    """`days` is how long ago the project was completed."""
    project = ctx.project or ctx.pick("项目", "the project")
    lines = [greeting(ctx.client_name, ctx.lang)]
    if ctx.days >= 21:
        lines.append(
            ctx.pick(
                f"{project}完成已经一个月了，想回访一下：实际用下来效果达到预期了吗？"
                "有没有新的需求，或者我们可以做得更好的地方？",
                f"It's been about a month since we wrapped up {project}. Is it doing what you hoped? "
                "Anything new on your side, or anything we could have done better?",
            )
        )
    else:
        lines.append(
            ctx.pick(
                f"{project}交付一周了，用起来还顺手吗？有需要调整或补充的地方随时告诉我。",
                f"It's been a week since we delivered {project} — how is it working for you? "
                "If anything needs adjusting, just tell me.",
            )
        )
    if ctx.proposed is not None:
        lines.append(
            ctx.pick(
                f"如果方便，{ctx.when(ctx.proposed)}我们可以通个 15 分钟的电话聊聊。",
                f"Happy to do a 15-minute call on {ctx.when(ctx.proposed)} if that's easier.",
            )
        )
    return "\n".join(lines)

"""A proactive progress update on a project (S2), before the client has to ask."""

from __future__ import annotations

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def render(ctx: MessageContext) -> str:
    """An update draft; `variant` "asked" when the client already asked for one."""
    project = ctx.project or ctx.pick("项目", "the project")
    lines = [greeting(ctx.client_name, ctx.lang)]
    if ctx.variant == "asked":
        lines.append(
            ctx.pick(
                f"抱歉让您来问，{project}的进展应该由我主动同步给您。",
                f"Sorry you had to ask — I should have sent you this update on {project} myself.",
            )
        )
    else:
        lines.append(
            ctx.pick(f"跟您同步一下{project}的最新进展：", f"A quick update on {project}:")
        )
    lines.append(
        ctx.pick(
            "已完成：【这段时间完成的内容】\n进行中：【正在做的事】，预计【日期】完成\n需要您确认：【如无可删去】",
            "Done: [what was finished since the last update]\n"
            "In progress: [what is under way], expected by [date]\n"
            "Needed from you: [delete if nothing]",
        )
    )
    if ctx.proposed is not None:
        lines.append(
            ctx.pick(
                f"下一次更新：{ctx.when(ctx.proposed)}。有任何问题随时告诉我。",
                f"Next update: {ctx.when(ctx.proposed)}. Any questions, just let me know.",
            )
        )
    return "\n".join(lines)

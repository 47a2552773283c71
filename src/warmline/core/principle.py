"""The principle registry: mirrors ../shared/METHOD.md (tested against it).

Every agenda item, coach finding, template and metric cites one of these IDs.
"""

from __future__ import annotations

from dataclasses import dataclass

from warmline.core.text import Text


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    step: str
    title: Text


PRINCIPLES: dict[str, Principle] = {
    p.id: p
    for p in (
        Principle(
            "T1",
            "trust",
            Text("在每个渠道专业地展示自己", "Present yourself professionally on every channel"),
        ),
        Principle(
            "T2",
            "trust",
            Text(
                "说到做到：对客户的每个承诺都按时兑现", "Say it, do it: keep every promise, on time"
            ),
        ),
        Principle(
            "T3",
            "trust",
            Text("每次约好的通话或会议都准时", "Be punctual for every agreed call or meeting"),
        ),
        Principle(
            "T4",
            "trust",
            Text(
                "有问必答，不含糊；暂时不知道，就承诺何时答复",
                "Answer every question, never vaguely; if you don't know yet, commit to when",
            ),
        ),
        Principle(
            "T5",
            "trust",
            Text("使用专业、准确的行业语言", "Use professional, domain-precise language"),
        ),
        Principle(
            "T6",
            "trust",
            Text(
                "让产品值得信赖：先讲核心价值，让别人为它作证",
                "Lead with core value and let others vouch for it",
            ),
        ),
        Principle(
            "S1",
            "satisfaction",
            Text(
                "谈客户的痛点，而不是自己的难处",
                "Talk about the client's pain point, not your own difficulty",
            ),
        ),
        Principle(
            "S2",
            "satisfaction",
            Text("按节奏主动汇报进度，别让客户来问", "Report progress proactively, on a cadence"),
        ),
        Principle("S3", "satisfaction", Text("立即回复", "Reply at once")),
        Principle(
            "S4",
            "satisfaction",
            Text(
                "交付后主动跟进，到期未回就主动询问意见",
                "Follow up after a delivery; ask for their view if they are silent",
            ),
        ),
        Principle("S5", "satisfaction", Text("项目完成后回访", "Revisit after completion")),
        Principle(
            "C1",
            "communication",
            Text(
                "清楚：只有一种理解；时间要写明星期、日期、钟点和时区",
                "Be clear: one meaning only; a time is a day, a date, a clock time and a zone",
            ),
        ),
        Principle(
            "C2",
            "communication",
            Text(
                "简洁：客户要的是方案，不是你付出的过程",
                "Be brief: the client wants the plan, not the story of your effort",
            ),
        ),
        Principle(
            "C3",
            "communication",
            Text("多问、复述，避免误解", "Ask and paraphrase so nothing is misunderstood"),
        ),
        Principle(
            "C4",
            "communication",
            Text(
                "避免冲突，非暴力沟通；不否定客户，不甩锅",
                "Avoid conflict; don't flatly negate the client or shift blame",
            ),
        ),
        Principle(
            "R1",
            "rapport",
            Text(
                "通话开头花两分钟聊聊工作以外的话题",
                "Spend a couple of minutes on non-work talk at the start of a call",
            ),
        ),
        Principle("R2", "rapport", Text("模仿客户的语气", "Mirror the client's tone")),
        Principle(
            "R3",
            "rapport",
            Text("展现个性，允许有人情味的时刻", "Show your personality; let human moments in"),
        ),
        Principle("R4", "rapport", Text("有些客户并不合适", "Some clients are not a fit")),
    )
}


def principle(pid: str) -> Principle:
    """Look up a principle by its ID; raise KeyError for an unknown ID."""
    return PRINCIPLES[pid]

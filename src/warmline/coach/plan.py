"""The six-step response plan for an angry client message (METHOD.md, "Reading the client").

1. acknowledge the feeling and the impact on the client (S1);
2. own the problem as the company, blame no colleague and not the client (C4);
3. say briefly what went wrong and the fix (C2);
4. confirm the real requirement by paraphrase (C3);
5. ask for the latest acceptable delivery date (C1);
6. commit to an exact time for the next update (T2, C1).

The steps are written in the user's language; the drafted reply in the
client's. The next-update time is a concrete time inside the client's working
hours, written the way clock.format_local writes times (day, date, clock,
zone), so it cannot be read two ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from warmline.core.clock import format_local, local
from warmline.core.text import Lang, Text
from warmline.core.workcal import WorkCalendar

# How long the user gets before the promised update, at least.
UPDATE_LEAD = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One step of the plan: the principle it serves and what to do, in the user's language."""

    principle: str
    text: str


@dataclass(frozen=True, slots=True)
class ResponsePlan:
    """Six steps (user's language), a drafted reply (client's language) and the
    promised time of the next update (aware UTC)."""

    steps: tuple[PlanStep, ...]
    reply: str
    reply_lang: Lang
    next_update: datetime


def next_update_time(
    now: datetime, client_zone: str, calendar: WorkCalendar | None = None
) -> datetime:
    """A whole hour at least UPDATE_LEAD from now, inside the client's working
    hours (their calendar: weekends, public holidays, China's swapped working
    days; 09:00-18:00 in their zone by default), as aware UTC. Outside working
    hours it is an hour after the next working day starts."""
    cal = calendar or WorkCalendar(timezone=client_zone)
    t = local(now, client_zone) + UPDATE_LEAD
    if t.minute or t.second or t.microsecond:
        t = t.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    candidate = t.astimezone(UTC)
    window = cal.window(t.date())
    if window is not None and window[0] <= candidate <= window[1]:
        return candidate
    start = cal.next_working_moment(candidate)
    return start + timedelta(hours=1)


# What the client says they wanted: 我要的是蓝色 / "I asked for the vector files".
_ZH_WANT = re.compile(
    r"(?:我要的是|要的是|我们要的是|我需要的是|需要的是|我说的是|说了要|说好(?:的)?是|要求是|"
    r"(?:跟|和|给|同)(?:你|您|你们)(?:讲|说|交代|强调)(?:了|过)(?:的是|是|的)?|我要|我们要)"
    r"(?P<want>[^，。！？!?,.；;]{2,24})"
)
_EN_WANT = re.compile(
    r"\b(?:i|we) (?:asked for|wanted|need|needed|specifically asked for|specifically said|said|ordered|paid for)"
    r"\s+(?P<want>[^.!?;,]{3,60})",
    re.IGNORECASE,
)


# What the failure cost the client: 客户那边已经发火了 / "our demo was ruined".
_ZH_IMPACT = re.compile(
    r"[^，。！？!?；;]{0,12}(?:发火|生气|投诉|耽误|损失|影响|被骂|挨骂|丢人|来不及|赶不上|白等|延误|错过|"
    r"就要上|马上要|要上机|上线|开业|发布会|订好了|已经订|等着用)[^，。！？!?；;]{0,12}"
)
_EN_IMPACT = re.compile(
    r"[^.!?;,]{0,40}\b(?:ruined|cost us|lost|missed|delayed|wasted|embarrass\w*|pushed back|angry|furious|"
    r"blocked|stuck|on hold|had to cancel|had to postpone|board meeting|launch|deadline|presentation|"
    r"investors?|event)\b[^.!?;,]{0,40}",
    re.IGNORECASE,
)


def find_impact(text: str, lang: Lang) -> str:
    """The clause where the client says what the failure cost them, if any."""
    m = (_ZH_IMPACT if lang == "zh" else _EN_IMPACT).search(text)
    return m.group().strip() if m else ""


def find_requirement(text: str, lang: Lang) -> str:
    """The client's own words for what they wanted, if the message says it."""
    pattern = _ZH_WANT if lang == "zh" else _EN_WANT
    m = pattern.search(text)
    if not m:
        return ""
    want = m.group("want").strip(" ：:“”\"'")
    return re.sub(r"^(?:that|the fact that)\s+", "", want, flags=re.IGNORECASE)


_STEPS: tuple[tuple[str, Text], ...] = (
    (
        "S1",
        Text(
            "先回应感受和影响：承认对方的不满，说出这件事给他们造成的麻烦{impact}。",
            "Acknowledge the feeling and the impact: name their frustration and what it cost them{impact}.",
        ),
    ),
    (
        "C4",
        Text(
            "以公司的名义承担问题：不把责任推给同事（“技术部没理解”）或客户，也不辩解。",
            'Own it as the company: no blame on a colleague ("our developer misread it") or on the client, no excuses.',
        ),
    ),
    (
        "C2",
        Text(
            "用一两句话说明哪里出了问题、已经怎么修正；不讲过程有多辛苦。",
            "In one or two sentences: what went wrong and the fix. Not the story of the effort.",
        ),
    ),
    (
        "C3",
        Text(
            "复述客户真正的需求并请对方确认{want}。",
            "Confirm the real requirement by paraphrasing it back{want}.",
        ),
    ),
    (
        "C1",
        Text(
            "问清最晚可以接受的交付日期（具体到哪一天），让项目能继续推进。",
            'Ask for the latest delivery date that still works for them (a day, not "soon"), so the work can go on.',
        ),
    ),
    (
        "T2",
        Text(
            "承诺下一次更新的确切时间：{update}，你这边是{update_user}；并按时做到。",
            "Commit to an exact time for the next update: {update}, which is {update_user} for you; and keep it.",
        ),
    ),
)


_LAST_STEP_SAME_ZONE = Text(
    "承诺下一次更新的确切时间：{update}，并按时做到。",
    "Commit to an exact time for the next update: {update}, and keep it.",
)


def _reply_zh(name: str, project: str, want: str, update: str, user_name: str) -> str:
    greeting = f"{name}，" if name else "您好，"
    what = f"“{project}”这次的交付" if project else "这次的交付"
    need = want if want else "【请填写：用您自己的话复述客户的需求】"
    lines = [
        f"{greeting}非常抱歉，{what}没有达到您的预期，给您和团队添了麻烦、耽误了安排，您着急和不满完全可以理解。",
        "这是我们的责任，我会亲自跟进，直到问题解决。",
        "问题出在【请填写：哪里出了问题】，我们已经【请填写：修正措施】。",
        f"为了这次一定做对，我跟您确认一下：您需要的是{need}，对吗？",
        "另外想请您告诉我：最晚哪一天交付，还能赶上您的安排？",
        f"我会在{update}前把最新进展发给您。",
    ]
    if user_name:
        lines.append(f"—— {user_name}")
    return "\n".join(lines)


def _reply_en(name: str, project: str, want: str, update: str, user_name: str) -> str:
    first = name.split()[0] if name else ""  # "Hi Daniel," for Daniel Kim
    greeting = f"Hi {first}," if first else "Hi,"
    what = f"the {project} delivery" if project else "this delivery"
    need = want if want else "[fill in: their requirement, in your own words]"
    lines = [
        f"{greeting} I'm sorry: {what} fell short of what you expected, and I understand the frustration "
        "and the trouble it has caused you and your team.",
        "This is on us, and I'm personally making sure it gets put right.",
        "What went wrong: [fill in: what went wrong]. What we have done about it: [fill in: the fix].",
        f"To make sure we get it right this time: you need {need}. Is that correct?",
        "Could you also tell me the latest date the delivery can arrive and still work for you?",
        f"I'll send you the next update by {update}.",
    ]
    if user_name:
        lines.append(f"Best, {user_name}")
    return "\n".join(lines)


def build_plan(
    text: str,
    *,
    now: datetime,
    client_lang: Lang,
    ui_lang: Lang = "en",
    client_name: str = "",
    client_zone: str = "UTC",
    user_name: str = "",
    user_zone: str = "UTC",
    project: str = "",
    impact: str = "",
    calendar: WorkCalendar | None = None,
) -> ResponsePlan:
    """The response plan for an angry message `text`, received at `now`.

    `impact` is what the client said it cost them, if known (a cue such as
    "客户那边已经发火了" or "our demo was ruined"); it is quoted in step 1.
    `calendar` is the client's working calendar (default: their zone's).
    """
    update_at = next_update_time(now, client_zone, calendar)
    want = find_requirement(text, client_lang)
    values = {
        "impact": (f"（对方提到：“{impact}”）" if ui_lang == "zh" else f' (they said: "{impact}")')
        if impact
        else "",
        "want": (f"：“{want}”" if ui_lang == "zh" else f': "{want}"') if want else "",
        "update": format_local(update_at, client_zone, ui_lang),
        "update_user": format_local(update_at, user_zone, ui_lang),
    }
    steps = [PlanStep(pid, text_.in_(ui_lang).format(**values)) for pid, text_ in _STEPS]
    if values["update"] == values["update_user"]:  # same zone: say the time once
        last = _LAST_STEP_SAME_ZONE.in_(ui_lang).format(**values)
        steps[-1] = PlanStep(steps[-1].principle, last)
    update_text = format_local(update_at, client_zone, client_lang)
    compose = _reply_zh if client_lang == "zh" else _reply_en
    reply = compose(client_name, project, want, update_text, user_name)
    return ResponsePlan(tuple(steps), reply, client_lang, update_at)

"""Throughput of `warmline.coach.check` on chat-length drafts, and proselint for scale.

Generates N mixed Chinese/English drafts (seeded) from fragments of the kind people
write to clients: greetings, status lines, promises, a vague time or an evasive
phrase in 30% of them, emoji, English words inside Chinese; checks them in four
contexts in turn (unknown client; casual and formal clients with learned styles;
an open client question), one draft every 37 seconds of send time. Times `check` in CPU seconds (one core; the wall clock
is printed too, since a shared machine makes it noisy) and prints messages per
second; then runs proselint on the English drafts (all of them, or the first ones
with --proselint-limit) and prints the ratio measured on exactly the same texts.

    python bench/coach_speed.py                 # 100,000 drafts, proselint on 3,000
    python bench/coach_speed.py -n 20000 --proselint-limit 0   # proselint on all
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from warmline.coach import CheckContext, check, compile_rules, learn_style

ZH_OPEN = [
    "",
    "",
    "您好，",
    "王总好，",
    "陈经理，",
    "在吗？",
    "早上好！",
    "哈喽，",
    "Hi 李总，",
    "不好意思，",
]
ZH_BODY = [
    "设计稿已经改好了",
    "报价单在附件里",
    "合同我们这边已经盖章",
    "PPT 第三页的数据更新了",
    "样品今天下午寄出，单号稍后发您",
    "您说的问题我们定位到了，是缓存导致的",
    "logo 换成了蓝色版本",
    "发票开好了，明天寄出",
    "首页的文案按您的意见调整了",
    "新版本已经上线，您可以刷新看看",
    "第二期的款项我们收到了，谢谢",
    "周三下午 3 点的会议室订好了",
    "这个功能暂时不支持导出 PDF",
    "印刷厂说纸张要换成 157 克的",
    "物流那边显示明天到",
]
ZH_TROUBLE = [
    "我们改了一些地方",
    "时间有点紧",
    "这个我也不太清楚",
    "周末发您",
    "下周给您答复",
    "晚点再确认一下",
    "技术那边理解错了",
    "我们加班加点赶出来的",
    "价格差不多就这样",
    "您总是临时改需求",
    "呵呵",
]
ZH_CLOSE = [
    "",
    "",
    "，请查收。",
    "，您看下～",
    "，有问题随时找我😊",
    "。谢谢！",
    "，辛苦了",
    "哈",
    "。",
    "！👍",
    "，明天 18:00 前给您结果。",
]

EN_OPEN = [
    "",
    "",
    "Hi Anna, ",
    "Hey Sam! ",
    "Dear Ms Lee, ",
    "Morning Tom, ",
    "Quick update: ",
    "Sorry for the delay. ",
    "Thanks! ",
]
EN_BODY = [
    "the revised logo is attached",
    "we pushed the fix to staging",
    "the invoice went out this morning",
    "your comments on page 3 are all in",
    "the courier picked up the samples",
    "the new pricing sheet is in the shared folder",
    "Wang Fang will join the call from Shanghai",
    "the banner now uses the blue from your brand guide",
    "we can't export to PDF yet",
    "the print shop needs the final files by Thursday 5pm",
]
EN_TROUBLE = [
    "I'll send it later",
    "it should be ready next week",
    "I don't know yet",
    "we're swamped this week",
    "our developer messed up the export",
    "as I already told you, the price is final",
    "we made a few changes",
    "we worked really hard on this",
    "you always change the brief at the last minute",
    "hopefully by Friday",
]
EN_CLOSE = [
    "",
    ".",
    ". Let me know what you think!",
    " 🙂",
    ". Thanks!",
    ", cheers",
    ". Have a great weekend!",
    "!!",
    ". Talk soon.",
]


def make_drafts(n: int, seed: int, trouble: float = 0.3) -> list[str]:
    """`trouble` is the share of drafts with one phrase the coach should flag."""
    rng = random.Random(seed)
    drafts = []
    for _ in range(n):
        if rng.random() < 0.5:
            bodies = [rng.choice(ZH_BODY) for _ in range(rng.choice((1, 1, 2, 3)))]
            if rng.random() < trouble:
                bodies.insert(rng.randrange(len(bodies) + 1), rng.choice(ZH_TROUBLE))
            parts = [rng.choice(ZH_OPEN), "，".join(bodies)]
            drafts.append(("".join(parts) + rng.choice(ZH_CLOSE)).strip())
        else:
            sentences = [rng.choice(EN_BODY) for _ in range(rng.choice((1, 1, 2, 3)))]
            if rng.random() < trouble:
                sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(EN_TROUBLE))
            body = ". ".join(s[0].upper() + s[1:] for s in sentences)
            drafts.append((rng.choice(EN_OPEN) + body + rng.choice(EN_CLOSE)).strip())
    return drafts


START = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def contexts(now: datetime = START) -> list[CheckContext]:
    formal = learn_style(
        ["您好，方案已收到，请您再调整一下配色。", "您好，请问您明天方便通话吗？", "辛苦您了。"]
    )
    casual = learn_style(["hey! looks cool 😄", "yep that works, thx", "lol ok sure 👍"])
    return [
        CheckContext(now=now, client_zone="Asia/Shanghai"),
        CheckContext(now=now, client_zone="Europe/London", style=casual),
        CheckContext(
            now=now, client_zone="America/New_York", style=formal, client_work_start=clock(8)
        ),
        CheckContext(now=now, client_zone="Asia/Shanghai", open_questions=("报价什么时候能出？",)),
    ]


def run_proselint(texts: list[str]) -> float:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    start = time.process_time()
    for text in texts:
        LintFile("<draft>", text).lint()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=100_000, help="number of drafts (default 100,000)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--trouble", type=float, default=0.3, help="share of drafts with a phrase to flag (0.3)"
    )
    parser.add_argument(
        "--proselint-limit",
        type=int,
        default=3000,
        help="English drafts to run proselint on (0 = all of them; proselint does ~100/s)",
    )
    args = parser.parse_args()

    drafts = make_drafts(args.n, args.seed, args.trouble)
    # One draft every 37 seconds (about six weeks for 100,000), to four kinds of client.
    templates = contexts()
    ctxs = [
        replace(templates[i % len(templates)], now=START + timedelta(seconds=37 * i))
        for i in range(len(drafts))
    ]
    compile_rules()  # loading and compiling the packs is a one-off, not per message
    for d in drafts[:200]:
        check(d, templates[0])

    wall = time.perf_counter()
    start = time.process_time()
    found: Counter[str] = Counter()
    flagged = 0
    for draft, ctx in zip(drafts, ctxs, strict=True):
        findings = check(draft, ctx)
        flagged += bool(findings)
        found.update(f.principle for f in findings)
    elapsed = time.process_time() - start
    wall = time.perf_counter() - wall
    chars = sum(map(len, drafts)) / len(drafts)
    print(
        f"drafts:            {len(drafts):,} (mean {chars:.0f} characters, seed {args.seed}, "
        f"{args.trouble:.0%} seeded with a phrase to flag)"
    )
    print(
        f"check():           {len(drafts) / elapsed:,.0f} messages/s on one core "
        f"({elapsed:.2f} s of CPU time; {len(drafts) / wall:,.0f}/s by the wall clock)"
    )
    print(
        f"drafts flagged:    {flagged / len(drafts):.0%}; findings by principle: {dict(sorted(found.items()))}"
    )

    english = [
        (d, c)
        for d, c in zip(drafts, ctxs, strict=True)
        if not any("\u4e00" <= ch <= "\u9fff" for ch in d)
    ]
    pairs = english if args.proselint_limit == 0 else english[: args.proselint_limit]
    sample = [d for d, _ in pairs]
    start = time.process_time()
    for draft, ctx in pairs:
        check(draft, ctx)
    ours = time.process_time() - start
    theirs = run_proselint(sample)
    print(
        f"English drafts:    {len(sample):,} of {len(english):,} "
        f"({'all' if len(sample) == len(english) else 'the first ones'})"
    )
    print(f"  check():         {len(sample) / ours:,.0f} messages/s")
    print(f"  proselint:       {len(sample) / theirs:,.0f} messages/s")
    print(f"  ratio:           check() is {theirs / ours:,.0f}x proselint's throughput")


if __name__ == "__main__":
    main()

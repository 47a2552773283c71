"""Throughput of reading client messages, one core, pure Python.

    python bench/read_speed.py [--n 20000]

Prints messages per second (CPU time, best of three) for core.timeexpr.find_times,
coach.emotion.classify and the whole coach.reading.read, on chat-length messages
in Chinese and English written for this bench (half of them hold a time), and a
CPU calibration to compare machines. Figures, not a test.

    python bench/read_speed.py --mail [DIR]

reads instead the new text (quotes and signatures cut, as an import keeps it) of every
mail under DIR (default: the SpamAssassin ham of ../shared/corpora/email) and prints the
CPU time each reader of an import (services/intake.py) costs per mail, best of three:
what the email import benchmark (bench/import.py) spends beyond parsing and storing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpora_check import default_root  # noqa: E402  (bench/corpora_check.py)

from warmline.coach.emotion import classify  # noqa: E402
from warmline.coach.question import find_questions, is_status_request  # noqa: E402
from warmline.coach.reading import ReadContext, read  # noqa: E402
from warmline.core.timeexpr import find_times  # noqa: E402
from warmline.ingest.mail import read_eml  # noqa: E402
from warmline.services.intake import message_lang  # noqa: E402

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)

MESSAGES = [
    "好的，我周五前把方案发您，有问题随时联系",
    "收到，谢谢！",
    "明天下午3点半开会，记得带上资料",
    "这个版本还是不行，已经第三次了！！！",
    "样品什么时候能到？我们这边很急",
    "请问发票抬头写公司全称吗",
    "麻烦下周三上午10点前把报价单发我，谢谢",
    "辛苦了，效果很好，老板很满意👍",
    "我想换一款，整体再大气一点",
    "进度怎么样了？",
    "Thanks, I'll send the quote by 3 pm tomorrow.",
    "Can you check the logo colours? The client wants something brighter.",
    "Any update on the project? We need it before the launch next week.",
    "This is unacceptable. Third time the build is broken.",
    "OK sounds good",
    "Looks great, thank you so much for the quick turnaround!",
    "Could we move the call to Fri 10:00 (London time)?",
    "I'm a bit worried about the deadline, can we still make it by EOD Thursday?",
    "Please find attached the revised proposal.",
    "Let me know if you need anything else.",
]


def calibrate() -> float:
    """CPU seconds for a fixed pure-Python loop, to compare machines."""
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i * i
    return time.process_time() - start


def rate(fn: Callable[[str], object], texts: list[str]) -> float:
    best = 0.0
    for _ in range(3):
        start = time.process_time()
        for t in texts:
            fn(t)
        elapsed = time.process_time() - start
        best = max(best, len(texts) / elapsed if elapsed else float("inf"))
    return best


def mail_texts(folder: Path) -> list[str]:
    """The new text of each mail under `folder` that has any, as an import stores it."""
    return [
        msg.text
        for path in sorted(folder.rglob("*.txt"))
        for msg in read_eml(path)
        if msg.text.strip()
    ]


def per_mail(fn: Callable[[str, str], object], texts: list[str], langs: list[str]) -> float:
    """CPU microseconds per mail, best of three."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for t, lang in zip(texts, langs, strict=True):
            fn(t, lang)
        best = min(best, time.process_time() - start)
    return best / len(texts) * 1e6


def mail_main(folder: Path) -> None:
    if not folder.is_dir():
        print(f"no mail under {folder}; pass a folder of .txt or .eml files after --mail")
        return
    texts = mail_texts(folder)
    langs: list[str] = [message_lang(t, "en") for t in texts]
    classify(texts[0])  # load the model once, outside the timing
    mean = sum(map(len, texts)) / len(texts)
    median = sorted(map(len, texts))[len(texts) // 2]
    print(
        f"{len(texts):,} mails from {folder} (new text: mean {mean:,.0f} characters, median "
        f"{median:,}), CPU us per mail, best of three"
    )
    readers: list[tuple[str, Callable[[str, str], object]]] = [
        ("language", lambda t, _lang: message_lang(t, "en")),
        ("emotion", classify),  # type: ignore[list-item]
        ("questions", find_questions),  # type: ignore[list-item]
        ("status request", is_status_request),  # type: ignore[list-item]
    ]
    total = 0.0
    for name, fn in readers:
        cost = per_mail(fn, texts, langs)
        total += cost
        print(f"  {name:<15}{cost:>7,.0f}")
    print(f"  {'all':<15}{total:>7,.0f}")
    print(f"pure-Python speed: {calibrate():.2f} s CPU for 10M loop iterations")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--mail", nargs="?", const="", default=None, metavar="DIR")
    args = parser.parse_args()
    if args.mail is not None:
        mail_main(Path(args.mail) if args.mail else default_root() / "email" / "spamassassin-ham")
        return
    rng = random.Random(7)
    texts = [rng.choice(MESSAGES) for _ in range(args.n)]
    classify(texts[0])  # load the model once, outside the timing
    ctx = ReadContext(now=NOW, client_zone="Asia/Shanghai", user_zone="Asia/Shanghai")
    print(f"{args.n} chat messages, zh and en, CPU time, best of three")
    print(
        f"  find_times   {rate(lambda t: find_times(t, NOW, 'Asia/Shanghai'), texts):>9,.0f} msgs/s"
    )
    print(f"  classify     {rate(classify, texts):>9,.0f} msgs/s  (target >= 10,000)")
    print(f"  read (all)   {rate(lambda t: read(t, ctx), texts[: args.n // 4]):>9,.0f} msgs/s")
    print(f"pure-Python speed: {calibrate():.2f} s CPU for 10M loop iterations")


if __name__ == "__main__":
    main()

"""Time `today` on a large book: 10,000 clients and 1,000,000 messages.

Generates books of 1,000 / 2,000 / 5,000 / 10,000 clients (50 to 150 messages
each, 100 on average: 1,000,000 for 10,000 clients; a year of history as
conversation turns: a client writes and we answer within minutes to hours 92% of
the time, or we write and they acknowledge; 20 owners of 500 clients each) in
SQLite under bench/out/ (kept for reuse; a book from an older generator is built
again) and, with --postgres URL, in PostgreSQL databases warmline_bench_<n> on
that server. Rows go in with bulk inserts, then the activity summary is built as
migration 0003 builds it for an existing book. Then, each in a fresh process so memory is
its own, it times `today` for one owner's 500 clients and for the whole book, and
prints the peak resident memory and how the time grows from 1,000 to 10,000.

Wall-clock time is the target; CPU time is printed too, because on a shared
machine wall time also measures everyone else's load (the load average is
printed with each figure).

Targets (issue 3): <= 150 ms for 500 clients, <= 2 s for 10,000, peak memory
<= 300 MB, growth close to linear or better.

Run: python bench/agenda.py [--sizes 1000,2000,5000,10000] [--postgres URL] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import Engine, create_engine, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from warmline.store.activity import rebuild  # noqa: E402
from warmline.store.engine import make_engine, migrate  # noqa: E402
from warmline.store.table import (  # noqa: E402
    Base,
    ClientRow,
    CommitmentRow,
    DeliverableRow,
    MeetingRow,
    MessageRow,
    NoteRow,
    ProjectRow,
    UserRow,
)

OUT = ROOT / "bench" / "out"
# Monday 23 November 2026, 10:00 in Shanghai: the moment every run plans for.
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
OWNERS = 20
MESSAGES_PER_CLIENT = 100
ZONES = (
    ("Asia/Shanghai", "CN", "zh"),
    ("Asia/Shanghai", "CN", "zh"),
    ("Asia/Hong_Kong", "HK", "zh"),
    ("Asia/Singapore", "SG", "en"),
    ("Asia/Tokyo", "JP", "en"),
    ("Europe/London", "GB", "en"),
    ("Europe/Berlin", "DE", "en"),
    ("America/New_York", "US", "en"),
    ("America/Los_Angeles", "US", "en"),
    ("Australia/Sydney", "AU", "en"),
)
TEXTS_IN = (
    ("好的，收到", ()),
    ("报价什么时候能发？", ("报价什么时候能发？",)),
    ("麻烦把终稿发我一下", ()),
    ("Thanks, looks great!", ()),
    ("Could you send the revised file?", ("Could you send the revised file?",)),
    ("进度怎么样了？", ("进度怎么样了？",)),
    ("The photos will come after the shoot.", ()),
)
TEXTS_OUT = (
    "收到，我今天 18:00 前把修改稿发您。",
    "Here is the revised draft, see pages 3-5.",
    "好的",
    "Weekly update: homepage done, product pages next.",
)


def _message(
    cid: int,
    pid: int | None,
    direction: str,
    at: datetime,
    body: str,
    questions: tuple[str, ...],
    rnd: random.Random,
) -> dict[str, Any]:
    incoming = direction == "in"
    return {
        "client_id": cid,
        "project_id": pid,
        "direction": direction,
        "channel": "wechat",
        "sent_at": at,
        "utc_offset_minutes": None,
        "author": "",
        "handle": "",
        "thread": "",
        "source": "bench",
        "external_id": None,
        "attachments": [],
        "emotion": rnd.choices((None, "anger", "anxiety"), (95, 2, 3))[0] if incoming else None,
        "emotion_score": None,
        "questions": list(questions),
        "status_request": incoming and body.startswith("进度"),
        "text": body,
    }


def _message_counts(clients: int, rnd: random.Random) -> list[int]:
    """Messages per client: 50 to 150, adding up to exactly MESSAGES_PER_CLIENT each."""
    counts = [
        rnd.randint(MESSAGES_PER_CLIENT // 2, MESSAGES_PER_CLIENT * 3 // 2) for _ in range(clients)
    ]
    step = 1 if sum(counts) < clients * MESSAGES_PER_CLIENT else -1
    while sum(counts) != clients * MESSAGES_PER_CLIENT:
        k = rnd.randrange(clients)
        if MESSAGES_PER_CLIENT // 2 <= counts[k] + step <= MESSAGES_PER_CLIENT * 3 // 2:
            counts[k] += step
    return counts


def _conversation(
    cid: int, pids: list[int], target: int, rnd: random.Random
) -> list[dict[str, Any]]:
    """A year of conversation turns at random moments until the client has `target`
    messages: a client writes and we answer within minutes to hours 92% of the time,
    or we write and they acknowledge half the time. The oldest extra message goes."""
    found: list[dict[str, Any]] = []
    while len(found) < target:
        at = NOW - timedelta(minutes=rnd.randint(0, 365 * 24 * 60))
        pid = rnd.choice(pids) if pids and rnd.random() < 0.7 else None
        if rnd.random() < 0.6:  # the client writes; we usually answer
            body, questions = rnd.choice(TEXTS_IN)
            found.append(_message(cid, pid, "in", at, body, questions, rnd))
            if rnd.random() < 0.92:
                reply = at + timedelta(minutes=rnd.randint(5, 300))
                if reply <= NOW:
                    found.append(_message(cid, pid, "out", reply, rnd.choice(TEXTS_OUT), (), rnd))
        else:  # we write (an update, a delivery); the client often acknowledges
            found.append(_message(cid, pid, "out", at, rnd.choice(TEXTS_OUT), (), rnd))
            ack = at + timedelta(minutes=rnd.randint(5, 600))
            if rnd.random() < 0.5 and ack <= NOW:
                found.append(_message(cid, pid, "in", ack, "好的，收到", (), rnd))
    found.sort(key=lambda m: m["sent_at"])
    return found[len(found) - target :]


def generate(engine: Engine, clients: int, seed: int = 7) -> None:
    """Fill an empty, migrated book. Rows go in with Core bulk inserts."""
    rnd = random.Random(seed)
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(
            insert(UserRow),
            [
                {
                    "username": "me",
                    "name": "林晓",
                    "timezone": "Asia/Shanghai",
                    "country": "CN",
                    "work_start": "09:00",
                    "work_end": "18:00",
                    "work_days": "0,1,2,3,4",
                    "ui_language": "zh",
                    "reply_target_hours": 2.0,
                    "identities": [],
                    "settings": {},
                    "role": "owner",
                }
            ],
        )
        rows = []
        for cid in range(1, clients + 1):
            tz, country, lang = rnd.choice(ZONES)
            rows.append(
                {
                    "id": cid,
                    "name": f"Client {cid:05d}",
                    "company": "",
                    "city": "",
                    "country": country,
                    "timezone": tz,
                    "language": lang,
                    "tags": [],
                    "status": rnd.choices(("active", "lead", "dormant", "former"), (70, 15, 10, 5))[
                        0
                    ],
                    "owner": f"user{(cid - 1) % OWNERS:02d}",
                    "created_at": (NOW - timedelta(days=400)),
                    "archived_at": None,
                }
            )
        conn.execute(insert(ClientRow), rows)
        projects: list[dict[str, Any]] = []
        for cid in range(1, clients + 1):
            for _ in range(rnd.choice((0, 1, 1, 2, 3))):
                begin = NOW - timedelta(days=rnd.randint(1, 300))
                length = rnd.choice((5, 14, 30, 90))
                done = begin + timedelta(days=length) < NOW and rnd.random() < 0.8
                projects.append(
                    {
                        "id": len(projects) + 1,
                        "client_id": cid,
                        "title": f"Project {len(projects) + 1}",
                        "start": (begin),
                        "due": (begin + timedelta(days=length)),
                        "status": "done" if done else "active",
                        "completed_at": (begin + timedelta(days=length)) if done else None,
                        "cadence_days": None,
                    }
                )
        conn.execute(insert(ProjectRow), projects)
        by_client: dict[int, list[int]] = {}
        for p in projects:
            by_client.setdefault(p["client_id"], []).append(p["id"])
        batch: list[dict[str, Any]] = []
        for cid, target in enumerate(_message_counts(clients, rnd), start=1):
            batch.extend(_conversation(cid, by_client.get(cid, []), target, rnd))
            if len(batch) >= 50_000:
                conn.execute(insert(MessageRow), batch)
                batch.clear()
        if batch:
            conn.execute(insert(MessageRow), batch)
        promises, deliveries, meetings, notes = [], [], [], []
        for cid in range(1, clients + 1):
            for _ in range(2):
                # Most promises are kept; open ones are mostly due soon, some late.
                kept = rnd.random() < 0.8
                due = NOW + timedelta(
                    hours=rnd.randint(-24 * 60, -24) if kept else rnd.randint(-24 * 3, 24 * 10)
                )
                promises.append(
                    {
                        "client_id": cid,
                        "project_id": None,
                        "by": rnd.choice(("us", "client")),
                        "text": "报价单",
                        "due": (due),
                        "created_at": (due - timedelta(days=3)),
                        "status": "kept" if kept else "open",
                        "closed_at": None,
                        "source_message_id": None,
                    }
                )
            sent = NOW - timedelta(days=rnd.randint(1, 120))
            deliveries.append(
                {
                    "client_id": cid,
                    "project_id": None,
                    "what": "设计稿",
                    "sent_at": (sent),
                    "feedback_by": (sent + timedelta(days=3)),
                    "feedback_at": None if rnd.random() < 0.3 else (sent + timedelta(days=1)),
                    "feedback_message_id": None,
                    "source_message_id": None,
                }
            )
            if rnd.random() < 0.05:
                meetings.append(
                    {
                        "client_id": cid,
                        "start": (NOW + timedelta(minutes=rnd.randint(0, 24 * 60))),
                        "timezone": "Asia/Shanghai",
                        "duration_minutes": 30,
                        "title": "Review",
                        "actual_start": None,
                        "notes": "",
                    }
                )
            for k in range(3):
                notes.append(
                    {
                        "client_id": cid,
                        "text": f"personal note {k}",
                        "kind": "personal",
                        "at": (NOW - timedelta(days=rnd.randint(1, 300))),
                    }
                )
        conn.execute(insert(CommitmentRow), promises)
        conn.execute(insert(DeliverableRow), deliveries)
        if meetings:
            conn.execute(insert(MeetingRow), meetings)
        conn.execute(insert(NoteRow), notes)
    print(f"  inserted {clients:,} clients in {time.perf_counter() - start:.1f} s", flush=True)
    # The rows went in without the repository, so the activity summary is built the way
    # migration 0003 builds it for an existing book.
    summary_start = time.perf_counter()
    with engine.begin() as conn:
        rebuild(conn)
    print(f"  summarised their messages in {time.perf_counter() - summary_start:.1f} s", flush=True)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("clients", "projects", "messages"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT MAX(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    print(f"  generated {clients:,} clients in {time.perf_counter() - start:.1f} s", flush=True)


def book_url(size: int, postgres: str | None) -> str:
    if postgres is None:
        OUT.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{OUT / f'agenda-{size}.db'}"
    base = make_url(postgres).set(drivername="postgresql+psycopg")
    name = f"warmline_bench_{size}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def ensure_book(size: int, postgres: str | None) -> str:
    url = book_url(size, postgres)
    engine = make_engine(url)
    migrate(engine)
    with engine.connect() as conn:
        have = conn.scalar(select(func.count()).select_from(ClientRow))
        messages = conn.scalar(select(func.count()).select_from(MessageRow)) if have else 0
    if have and messages != size * MESSAGES_PER_CLIENT:
        print(f"  book of {size:,} clients has {messages:,} messages: made by an older", flush=True)
        print("  generator; building it again", flush=True)
        with engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        migrate(engine)
        have = 0
    if not have:
        generate(engine, size)
        with engine.connect() as conn:
            messages = conn.scalar(select(func.count()).select_from(MessageRow))
    print(f"  book: {size:,} clients, {messages:,} messages ({engine.dialect.name})", flush=True)
    engine.dispose()
    return url


def measure(url: str, owner: str | None, runs: int) -> dict[str, Any]:
    """Run inside a fresh process: time Services.today(), report times and peak RSS."""
    from warmline.agenda import build_agenda
    from warmline.config import Settings
    from warmline.services import Services
    from warmline.store.engine import open_engine
    from warmline.store.snapshot import load_agenda_state

    svc = Services(open_engine(url), settings=Settings(), clock=lambda: NOW)
    times, cpus, loads, builds = [], [], [], []
    items = 0
    for _ in range(runs + 1):  # the first run warms caches (holidays, zones, pages)
        t0, c0 = time.perf_counter(), time.process_time()
        items = len(svc.today(owner=owner).items)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        with svc.book() as repo:
            settings = svc.agenda_settings()
            t1 = time.process_time()
            state = load_agenda_state(repo.session, repo.profile(), NOW, settings, owner=owner)
            t2 = time.process_time()
            build_agenda(state, NOW, settings)
            t3 = time.process_time()
        loads.append(t2 - t1)
        builds.append(t3 - t2)
    return {
        "clients": len(state.clients),
        "items": items,
        "today_ms": statistics.median(times[1:]) * 1000,
        "cpu_ms": statistics.median(cpus[1:]) * 1000,
        "first_ms": times[0] * 1000,
        "load_ms": statistics.median(loads[1:]) * 1000,
        "build_ms": statistics.median(builds[1:]) * 1000,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_child(url: str, owner: str | None, runs: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--measure", url, "--runs", str(runs)]
    if owner:
        cmd += ["--owner", owner]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def calibrate() -> float:
    """CPU seconds for a fixed pure-Python loop, to compare machines."""
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i * i
    return time.process_time() - start


def report(label: str, r: dict[str, Any]) -> None:
    print(
        f"  {label:<22} {r['clients']:>6,} clients  {r['items']:>5,} items  "
        f"today {r['today_ms']:7.1f} ms wall, {r['cpu_ms']:7.1f} ms CPU (load {r['load_ms']:.0f} + "
        f"rules {r['build_ms']:.0f} CPU; first run {r['first_ms']:.0f} ms)  "
        f"peak RSS {r['peak_rss_mb']:.0f} MB  (load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server may host bench DBs")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--owner", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.owner, args.runs)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
        f"pure-Python speed: {calibrate():.2f} s CPU for 10M loop iterations",
        flush=True,
    )
    backends: list[str | None] = [None] + ([args.postgres] if args.postgres else [])
    for backend in backends:
        name = "PostgreSQL" if backend else "SQLite"
        print(f"{name}:", flush=True)
        growth: list[tuple[int, float, float]] = []
        for size in sizes:
            url = ensure_book(size, backend)
            whole = in_child(url, None, args.runs)
            report(f"all clients ({size:,})", whole)
            growth.append((size, whole["today_ms"], whole["cpu_ms"]))
            if size == max(sizes):
                report("one owner's clients", in_child(url, "user07", args.runs))
        base_size, base_wall, base_cpu = growth[0]
        print(f"  growth ({name}): per 1,000 clients, relative to {base_size:,} clients")
        for size, wall, cpu in growth:
            k = size / 1000
            print(
                f"    {size:>6,} clients  wall {wall:8.1f} ms ({wall / k:6.1f}/1k, "
                f"x{(wall / k) / (base_wall / (base_size / 1000)):.2f})  CPU {cpu:8.1f} ms "
                f"({cpu / k:6.1f}/1k, x{(cpu / k) / (base_cpu / (base_size / 1000)):.2f})"
            )


if __name__ == "__main__":
    main()

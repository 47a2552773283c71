"""Latency of the web app under load: Today, a client page and a coach check.

Serves a big book with Uvicorn on 127.0.0.1 (in a child process, one worker, as
`warmline serve` does: httptools and uvloop when installed) and drives it with 20
concurrent connections for 30 s per endpoint, in a closed loop (each connection sends
its next request as soon as the last is answered, no think time), then prints
p50/p95/p99 latency, throughput, errors and the CPU per request of the server and of
the load generator.

The load generator is a lean HTTP/1.1 client on asyncio streams (keep-alive, the
session cookie, the CSRF header for POSTs): on a machine with 2 cores it shares the
CPU with the server, and httpx's async client (`--client httpx`) takes several times
the CPU per request, CPU the server then lacks, so it measures the client as much as
the server.

The book: the agenda benchmark's 10,000-client book (bench/agenda.py, 20 owners of
500 clients, 100 messages each) when that benchmark is present; otherwise a book of
our own (--clients, default 2,000, 30 messages each). In a book with owners each
simulated user asks for their own Today (one owner's 500 clients), as the members of
a team on one server do; Today is kept between requests until the book changes (see
web/memo.py), so the time to compute it afresh is printed too. Client pages are
drawn from 200 of one owner's clients (kept once opened, until the book changes); the
time of a page opened for the first time is printed too.

Targets (issue 6): p95 <= 100 ms for Today, <= 50 ms for a coach check.

Run: python bench/web.py [--seconds 30] [--concurrency 20] [--clients 2000] [--only coach]
     [--client lean|httpx] [--http auto|h11|httptools] [--loop auto|asyncio|uvloop]
(BENCH_DEBUG=1 also prints each phase's slowest requests and when they started.)
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402

OUT = ROOT / "bench" / "out"
# Monday 23 November 2026, 10:00 in Shanghai (the agenda benchmark's moment too).
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
DRAFTS = (
    "王总您好，方案我们下周发您，有问题随时说。",
    "Hi Anna, we'll send the revised logo soon, hopefully this weekend.",
    "不好意思，技术部没理解您的意思，我们尽快改。",
    "Thanks for waiting! The homepage is done; product pages follow on Friday 27 Nov, 18:00.",
)


def draft(rng: random.Random) -> str:
    """A draft as typed: one of DRAFTS with a few more words, different on every request,
    so nothing the server keeps by text (the draft model's scores) can answer for it."""
    extra = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))
    return f"{rng.choice(DRAFTS)} {extra} {rng.randrange(10**6)}"


_WORDS = ("thanks", "again", "please", "谢谢", "辛苦", "多谢", "cheers", "确认", "best", "ok")


def agenda_bench() -> object | None:
    """bench/agenda.py as a module, when the agenda benchmark is in this checkout."""
    path = ROOT / "bench" / "agenda.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("bench_agenda", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def own_book(clients: int, messages: int = 30, seed: int = 11) -> str:
    """A book of `clients` clients with `messages` messages each, built once under bench/out."""
    from warmline.core.client import Client
    from warmline.core.message import Message
    from warmline.services import Services
    from warmline.store.engine import forget_engine, open_engine

    OUT.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{OUT / f'web-{clients}.db'}"
    svc = Services(open_engine(url), clock=lambda: NOW)
    with svc.book() as repo:
        have = len(repo.clients())
    if have < clients:
        rng = random.Random(seed)
        zones = ["Asia/Shanghai", "Europe/London", "America/New_York", "Asia/Singapore"]
        with svc.book() as repo:
            for i in range(clients):
                c = repo.add_client(
                    Client(
                        name=f"Client {i:05d}",
                        timezone=zones[i % len(zones)],
                        language="zh" if i % 2 else "en",
                        company=f"Company {i % 997}",
                        tags=(f"t{i % 13}",),
                        owner=f"user{i % 20:02d}",
                        created_at=NOW - timedelta(days=400),
                    )
                )
                start = NOW - timedelta(days=365)
                batch = []
                for k in range(messages):
                    start += timedelta(hours=rng.uniform(1, 24 * 365 / messages))
                    batch.append(
                        Message(
                            direction="in" if k % 2 else "out",
                            sent_at=min(start, NOW - timedelta(minutes=5)),
                            text=f"message {k} " + "进度怎么样了？" * (k % 3),
                            client_id=c.id,
                            source="bench",
                        )
                    )
                repo.add_messages(batch)
    forget_engine(url)
    return url


def serve(url: str, port: int, http: str = "auto", loop: str = "auto") -> None:
    """The child process: the app on the book at `url`, the clock fixed at NOW."""
    import uvicorn

    from warmline.config import Settings
    from warmline.services import Services
    from warmline.store.engine import open_engine
    from warmline.web import create_app

    svc = Services(open_engine(url), settings=Settings(), clock=lambda: NOW)
    uvicorn.run(
        create_app(svc),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        http=http,  # type: ignore[arg-type]
        loop=loop,  # type: ignore[arg-type]
    )


@dataclass
class Result:
    times: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    server_cpu: float = 0.0  # seconds of CPU the server process used during the phase
    client_cpu: float = 0.0  # seconds of CPU this process (the load generator) used


class Connection:
    """A lean HTTP/1.1 client on one keep-alive connection (asyncio streams).

    It sends each request as a few bytes and reads the response by its Content-Length
    (or chunks), without the parsing, cookie jar and header objects of a full client,
    so the load generator takes little of the CPU the server needs (the machine may
    have as few as 2 cores). It keeps the session cookie the server sets.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.cookie = b""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: bytes = b""
    ) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n".encode()
        if self.cookie:
            head += b"Cookie: " + self.cookie + b"\r\n"
        if body:
            head += b"Content-Type: application/x-www-form-urlencoded\r\n"
        if body or method == "POST":
            head += b"Content-Length: %d\r\n" % len(body)
        self.writer.write(head + headers + b"\r\n" + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = 0, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
            elif name == b"set-cookie":
                self.cookie = value.strip().split(b";", 1)[0]
        if chunked:
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size + 2))
            await self.reader.readuntil(b"\r\n")
            content = b"".join(p[:-2] for p in parts)
        else:
            content = await self.reader.readexactly(length)
        if close:
            self.close()
        return status, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def cpu_of(pid: int) -> float:
    """Seconds of CPU (user + system) process `pid` has used (Linux /proc; else 0)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(
    base: str,
    method: str,
    paths: Callable[[int, random.Random], str],
    data: Callable[[random.Random], dict[str, str]] | None,
    seconds: float,
    n: int,
) -> Result:
    """n connections in a closed loop (each sends its next request as soon as the last
    one is answered, no think time) for `seconds`, with the lean client."""
    result = Result()
    host, port = base.removeprefix("http://").rsplit(":", 1)
    deadline = time.perf_counter() + seconds

    async def worker(i: int) -> None:
        conn = Connection(host, int(port))
        status, content = await conn.request("GET", "/api/session")
        token = json.loads(content)["csrf_token"]
        headers = f"X-CSRF-Token: {token}\r\nHX-Request: true\r\n".encode()
        rng = random.Random(i)
        while time.perf_counter() < deadline:
            path = paths(i, rng)
            body = b""
            if method == "POST":
                form = data(rng) if data else {}
                form["text"] = draft(rng)
                body = urlencode(form).encode()
            t0 = time.perf_counter()
            try:
                if method == "GET":
                    status, _ = await conn.request("GET", path)
                else:
                    status, _ = await conn.request(method, path, body, headers)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                result.errors += 1
                conn.close()
                continue
            result.times.append(time.perf_counter() - t0)
            result.starts.append(t0)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if status >= 400:
                result.errors += 1
        conn.close()

    await asyncio.gather(*(worker(i) for i in range(n)))
    return result


async def drive_httpx(
    base: str,
    method: str,
    paths: Callable[[int, random.Random], str],
    data: Callable[[random.Random], dict[str, str]] | None,
    seconds: float,
    n: int,
) -> Result:
    """The same closed loop with httpx's async client (--client httpx): a full client,
    but it takes several times the CPU of the lean one, CPU the server then lacks."""
    result = Result()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)

    async def worker(i: int) -> None:
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            token = (await client.get("/api/session")).json()["csrf_token"]
            headers = {"X-CSRF-Token": token, "HX-Request": "true"}
            rng = random.Random(i)
            while time.perf_counter() < deadline:
                path = paths(i, rng)
                t0 = time.perf_counter()
                try:
                    if method == "GET":
                        r = await client.get(path)
                    else:
                        body = data(rng) if data else {}
                        body["text"] = draft(rng)
                        r = await client.post(path, data=body, headers=headers)
                except httpx.HTTPError:
                    result.errors += 1
                    continue
                result.times.append(time.perf_counter() - t0)
                result.starts.append(t0)
                result.statuses[r.status_code] = result.statuses.get(r.status_code, 0) + 1
                if r.status_code >= 400:
                    result.errors += 1

    await asyncio.gather(*(worker(i) for i in range(n)))
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(label: str, r: Result, seconds: float, target: float | None) -> None:
    if not r.times:
        print(f"  {label:<17} no successful requests ({r.errors} errors)")
        return
    ms = [t * 1000 for t in r.times]
    p95 = percentile(ms, 95)
    verdict = "" if target is None else ("  OK" if p95 <= target else f"  ABOVE {target:.0f} ms")
    print(
        f"  {label:<17} p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
        f"p99 {percentile(ms, 99):7.1f} ms  {len(ms) / seconds:7.1f} req/s  "
        f"{len(ms):6,} requests  errors {r.errors}  statuses {dict(sorted(r.statuses.items()))}"
        f"{verdict}",
        flush=True,
    )
    print(
        f"  {'':<17} CPU per request: server {r.server_cpu / len(ms) * 1000:.2f} ms, "
        f"load generator {r.client_cpu / len(ms) * 1000:.2f} ms",
        flush=True,
    )


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def timed(url: str) -> float:
    t0 = time.perf_counter()
    httpx.get(url, timeout=120).raise_for_status()
    return (time.perf_counter() - t0) * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--clients", type=int, default=2000, help="size of our own book")
    parser.add_argument("--owner", default="user07", help="whose clients' pages to open")
    parser.add_argument("--only", help="run only the phases whose label contains this (e.g. coach)")
    parser.add_argument(
        "--client",
        choices=("lean", "httpx"),
        default="lean",
        help="load generator: lean HTTP/1.1 on asyncio streams (default) or httpx",
    )
    parser.add_argument(
        "--http", default="auto", help="Uvicorn's HTTP parser: auto, h11, httptools"
    )
    parser.add_argument(
        "--loop", default="auto", help="Uvicorn's event loop: auto, asyncio, uvloop"
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.http, args.loop)
        return

    agenda = agenda_bench()
    if agenda is not None:
        url = agenda.ensure_book(10_000, None)  # type: ignore[attr-defined]
    else:
        print(f"  (bench/agenda.py not here: using our own {args.clients:,}-client book)")
        url = own_book(args.clients)

    from warmline.services import Services
    from warmline.store.engine import forget_engine, open_engine

    svc = Services(open_engine(url), clock=lambda: NOW)
    with svc.book() as repo:
        clients = repo.clients()
        messages = repo.message_count()
    mine = [c for c in clients if c.owner == args.owner] or clients
    forget_engine(url)
    print(
        f"book: {len(clients):,} clients, {messages:,} messages; each simulated user's Today "
        f"covers {len(mine):,} clients; {args.concurrency} concurrent users, "
        f"{args.seconds:g} s per endpoint; load generator: {args.client}; "
        f"{os.cpu_count()} CPUs, load average {load_average()}"
    )

    port = free_port()
    env = dict(os.environ, WARMLINE_HOME=str(OUT / "web-home"))
    command = [sys.executable, __file__, "--serve", url, "--port", str(port)]
    command += ["--http", args.http, "--loop", args.loop]
    child = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/session", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        sample = [f"/clients/{c.id}" for c in random.Random(3).sample(mine, min(200, len(mine)))]
        owners = sorted({c.owner for c in clients if c.owner})[: args.concurrency]

        def today_of(i: int, rng: random.Random) -> str:
            """Simulated user i's Today: one owner's clients in a team book, else the book's."""
            return f"/today?owner={owners[i % len(owners)]}" if owners else "/today"

        def one_user(i: int, rng: random.Random) -> str:
            return today_of(0, rng)

        # Warm up: first requests load zones, holidays and templates.
        httpx.get(base + today_of(0, random.Random()), timeout=120)
        httpx.get(base + sample[0], timeout=60)
        cold = [
            timed(base + today_of(0, random.Random()) + ("&" if owners else "?") + "fresh=1")
            for _ in range(5)
        ]
        print(
            f"  Today, computed   p50 {statistics.median(cold):7.1f} ms  max {max(cold):7.1f} ms"
            "  (one request at a time, fresh: the first open, or after a change)"
        )
        unseen = [f"/clients/{c.id}" for c in mine if f"/clients/{c.id}" not in sample][:20]
        if unseen:
            first = [timed(base + path) for path in unseen]
            print(
                f"  client page, new  p50 {statistics.median(first):7.1f} ms  "
                f"max {max(first):7.1f} ms  (one request at a time, {len(first)} clients "
                "opened for the first time)"
            )
        phases: list[
            tuple[
                str,
                str,
                Callable[[int, random.Random], str],
                Callable[[random.Random], dict[str, str]] | None,
                float | None,
            ]
        ] = [
            ("Today, 1 user", "GET", one_user, None, 100.0),
            (f"Today, {max(1, len(owners))} users", "GET", today_of, None, None),
            ("client page", "GET", lambda i, rng: rng.choice(sample), None, None),
        ]
        ids = [c.id for c in mine]
        phases.append(
            (
                "coach check",
                "POST",
                lambda i, rng: "/coach/check",
                lambda rng: {"client_id": str(ids[rng.randrange(args.concurrency)])},
                50.0,
            )
        )
        for label, method, paths, data, target in phases:
            if args.only and args.only not in label:
                continue
            run = drive if args.client == "lean" else drive_httpx
            server0, client0 = cpu_of(child.pid), time.process_time()
            result = asyncio.run(run(base, method, paths, data, args.seconds, args.concurrency))
            result.server_cpu = cpu_of(child.pid) - server0
            result.client_cpu = time.process_time() - client0
            report(label, result, args.seconds, target)
            if os.environ.get("BENCH_DEBUG"):
                t0 = min(result.starts)
                slow = sorted(zip(result.times, result.starts, strict=True), reverse=True)[:8]
                print("   slowest:", [(round(a * 1000), round(b - t0, 2)) for a, b in slow])
        print(f"  load average after: {load_average()}")
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    main()

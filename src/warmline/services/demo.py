"""The demo book: a realistic workspace, generated relative to now so it is always live.

Its content (clients, four weeks of messages, promises, deliveries, meetings) is data
in demo.yaml; this module turns relative times into real ones and stores them through
the same use cases a user calls, so the coach reads the demo messages as it reads yours.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, time, timedelta
from importlib import resources
from typing import Any

import yaml

from warmline.config import Settings
from warmline.core.client import Channels
from warmline.core.clock import zone
from warmline.core.error import WarmlineError
from warmline.store.engine import forget_engine, open_engine

_DAY_TIME = re.compile(r"^\s*(?P<day>[+-]?\d+)\s+(?P<hh>\d{1,2}):(?P<mm>\d{2})\s*$")
_AGO = re.compile(r"^\s*-(?P<n>\d+)(?P<unit>[hm])\s*$")


def demo_time(spec: str | int, zone_name: str, now: datetime) -> datetime:
    """'D HH:MM' (D days from today, local clock in `zone_name`) or '-Nh' / '-Nm' before now."""
    text = str(spec)
    m = _AGO.match(text)
    if m:
        n = int(m.group("n"))
        return now - (timedelta(hours=n) if m.group("unit") == "h" else timedelta(minutes=n))
    m = _DAY_TIME.match(text)
    if not m:
        raise WarmlineError(f"demo.yaml: time {text!r} is neither 'D HH:MM' nor '-Nh'/'-Nm'")
    today = now.astimezone(zone(zone_name)).date()
    day = today + timedelta(days=int(m.group("day")))
    local = datetime.combine(
        day, time(int(m.group("hh")), int(m.group("mm"))), tzinfo=zone(zone_name)
    )
    return local.astimezone(UTC)


def _day(n: int, zone_name: str, now: datetime, at: time = time(10, 0)) -> datetime:
    return demo_time(f"{n} {at:%H:%M}", zone_name, now)


def load_demo_data() -> dict[str, Any]:
    text = resources.files("warmline.services").joinpath("demo.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def build_demo(settings: Settings | None = None, now: datetime | None = None) -> str:
    """(Re)build the demo book file under WARMLINE_HOME; returns its URL. Never touches the
    user's own book."""
    from warmline.services import Services

    settings = settings or Settings()
    now = now or datetime.now(UTC)
    url = settings.book_url(demo=True)
    forget_engine(url)
    for suffix in ("", "-wal", "-shm"):
        path = settings.demo_path.with_name(settings.demo_path.name + suffix)
        if path.exists():
            path.unlink()
    svc = Services(open_engine(url), settings=settings, clock=lambda: now)
    fill_demo(svc, load_demo_data(), now)
    return url


def fill_demo(svc: Any, data: dict[str, Any], now: datetime) -> None:
    me = data["me"]
    svc.set_profile(
        name=me["name"],
        timezone=me["timezone"],
        country=me.get("country", ""),
        work_start=me.get("work_start", "09:00"),
        work_end=me.get("work_end", "18:00"),
        work_days=me.get("work_days", [0, 1, 2, 3, 4]),
        ui_language=me.get("ui_language", "en"),
        identities={k: list(v) for k, v in (me.get("identities") or {}).items()},
    )
    for c in data["clients"]:
        tz = c["timezone"]
        channels = Channels(**{k: tuple(v) for k, v in (c.get("channels") or {}).items()})
        client = svc.add_client(
            c["name"],
            timezone=tz,
            language=c.get("language", "en"),
            company=c.get("company", ""),
            city=c.get("city", ""),
            country=c.get("country", ""),
            channels=channels,
            tags=c.get("tags", []),
            status=c.get("status", "active"),
        )
        # Clients joined the book before their history starts.
        with svc.book() as repo:
            repo.update_client(dataclasses.replace(client, created_at=now - timedelta(days=60)))
        cid = str(client.id)
        for n in c.get("notes", []):
            svc.add_note(
                cid,
                n["text"],
                kind=n.get("kind", "personal"),
                at=_day(int(n["day"]), tz, now, time(19, 0)),
            )
        projects: dict[str, str] = {}
        for p in c.get("projects", []):
            start = _day(int(p["start_day"]), tz, now, time(9, 30))
            due = (
                _day(int(p["due_day"]), tz, now, time(18, 0))
                if p.get("due_day") is not None
                else None
            )
            proj = svc.add_project(
                cid, p["title"], start=start, due=due, cadence_days=p.get("cadence_days")
            )
            projects[p["key"]] = str(proj.id)
            if p.get("status", "active") != "active":
                svc.edit_project(str(proj.id), status=p["status"])
            if p.get("status") == "done":
                done_at = _day(int(p.get("completed_day", p["due_day"])), tz, now, time(17, 0))
                svc.finish_project(str(proj.id), at=done_at)
        for msg in c.get("messages", []):
            svc.log_message(
                cid,
                msg["dir"],
                msg["text"],
                at=demo_time(msg["at"], tz, now),
                channel=msg.get("channel", ""),
                project=projects.get(msg["project"]) if msg.get("project") else None,
                attachments=msg.get("attachments", []),
            )
        _fill_ledger(svc, c, cid, tz, projects, now)


def _fill_ledger(
    svc: Any, c: dict[str, Any], cid: str, tz: str, projects: dict[str, str], now: datetime
) -> None:
    for k in c.get("promises", []):
        made = demo_time(k["made"], tz, now) if k.get("made") else now - timedelta(days=2)
        promise = svc.add_promise(
            cid, k["text"], due=demo_time(k["due"], tz, now), by=k.get("by", "us")
        )
        status = k.get("status", "open")
        with svc.book() as repo:
            closed = demo_time(k["closed"], tz, now) if k.get("closed") else None
            repo.update_commitment(
                dataclasses.replace(
                    promise,
                    created_at=made,
                    status=status,
                    closed_at=closed if status != "open" else None,
                )
            )
    for d in c.get("deliverables", []):
        item = svc.deliver(
            cid,
            d["what"],
            feedback_by=demo_time(d["feedback_by"], tz, now) if d.get("feedback_by") else None,
            at=demo_time(d["sent"], tz, now),
            project=projects.get(d["project"]) if d.get("project") else None,
        )
        if d.get("feedback"):
            svc.record_feedback(item.id, at=demo_time(d["feedback"], tz, now))
    for mt in c.get("meetings", []):
        start = demo_time(mt["start"], tz, now)
        meeting = svc.add_meeting(
            cid, start, duration_minutes=int(mt.get("duration", 30)), title=mt.get("title", "")
        )
        if mt.get("actual_start"):
            svc.meeting_started(meeting.id, at=demo_time(mt["actual_start"], tz, now))
    for t in c.get("testimonials", []):
        svc.add_testimonial(
            cid,
            t["text"],
            permission=bool(t.get("permission")),
            tags=t.get("tags", []),
            product=t.get("product", ""),
        )


def ensure_demo(settings: Settings | None = None) -> None:
    """Build the demo book if it does not exist yet."""
    settings = settings or Settings()
    if not settings.demo_path.exists():
        build_demo(settings)

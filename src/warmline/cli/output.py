"""Printing for the CLI: Rich tables for people, JSON for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from warmline.services.export import to_json

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


def print_json(value: Any) -> None:
    """Write `value` (domain objects allowed) as JSON to standard output."""
    sys.stdout.write(json.dumps(to_json(value), ensure_ascii=False, indent=2) + "\n")


def short(dt: Any, zone_name: str | None = None) -> str:
    """A compact local time for tables: 2026-11-28 15:00."""
    if dt is None:
        return "—"
    from warmline.core.clock import local

    t = local(dt, zone_name) if zone_name else dt
    return f"{t:%Y-%m-%d %H:%M}"

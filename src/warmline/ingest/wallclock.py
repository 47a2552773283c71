"""Wall-clock times (exports with no zone) to aware UTC, deterministically.

WhatsApp and WeChat exports write the phone's or PC's local time with no zone.
We read them in a zone the user chooses. Two kinds of local time are not one
instant, and we settle both the same way every time:

- a time in a DST *gap* (02:30 on a spring-forward night) never happened on a
  clock; we read it with the offset in force *before* the change, which lands
  it after the gap (02:30 EST -> 03:30 EDT);
- a time in a DST *fold* (01:30 on a fall-back night) happened twice; we take
  the *first* occurrence (the earlier instant).

This is Python's `fold=0` rule, stated here so tests can pin it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from warmline.core.clock import zone


def wall_to_utc(naive: datetime, zone_name: str) -> datetime:
    """A naive local time in `zone_name` as aware UTC (gap: pre-change offset; fold: first)."""
    if naive.tzinfo is not None:
        raise ValueError("wall_to_utc takes a naive datetime")
    return naive.replace(tzinfo=zone(zone_name), fold=0).astimezone(UTC)


def is_gap(naive: datetime, zone_name: str) -> bool:
    """True when the local time never appeared on the clock (spring-forward gap)."""
    tz = zone(zone_name)
    back = naive.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)
    return back.replace(tzinfo=None) != naive


def is_fold(naive: datetime, zone_name: str) -> bool:
    """True when the local time appeared twice (fall-back fold)."""
    tz = zone(zone_name)
    first = naive.replace(tzinfo=tz, fold=0).utcoffset()
    second = naive.replace(tzinfo=tz, fold=1).utcoffset()
    return first != second and not is_gap(naive, zone_name)

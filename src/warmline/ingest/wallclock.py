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

from datetime import UTC, datetime, timedelta

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


class WallClock:
    """wall_to_utc for one zone, remembering each local hour's offset (exports are long
    runs of times in the same hours). An hour whose offset changes inside it (a DST
    change, or a zone that shifts at :30) is never cached: each time is converted alone.
    """

    def __init__(self, zone_name: str) -> None:
        self.zone_name = zone_name
        zone(zone_name)  # a WarmlineError now for an unknown zone, not at the first message
        self._hours: dict[tuple[int, int, int, int], timedelta | None] = {}

    def to_utc(self, naive: datetime) -> datetime:
        key = (naive.year, naive.month, naive.day, naive.hour)
        shift = self._hours.get(key, False)
        if shift is False:
            # UTC minus local, at both ends of the hour.
            start = naive.replace(minute=0, second=0, microsecond=0)
            first = wall_to_utc(start, self.zone_name) - start.replace(tzinfo=UTC)
            last_local = start.replace(minute=59, second=59)
            last = wall_to_utc(last_local, self.zone_name) - last_local.replace(tzinfo=UTC)
            shift = first if first == last else None
            if len(self._hours) > 50_000:
                self._hours.clear()
            self._hours[key] = shift
        if shift is None:
            return wall_to_utc(naive, self.zone_name)
        return (naive + shift).replace(tzinfo=UTC)  # type: ignore[operator]

"""My working time, indexed: the same answers as `WorkCalendar`, in a few bisections.

An agenda asks my calendar thousands of questions about the weeks around `now`
(how late is this, when is two working hours after that). `WorkingTime` lays my
working windows from `days_back` days before `now` to `days_ahead` days after it
on a line of whole microseconds, with the working time before each window, so a
question is a bisection instead of a walk over days. Questions reaching outside
those days go to the calendar itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, datetime, timedelta

from warmline.core.workcal import WorkCalendar

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


def _us(dt: datetime) -> int:
    return (dt - _EPOCH) // _US


def _at(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


class WorkingTime:
    """`calendar`'s working windows around `now`, for fast working-time arithmetic."""

    __slots__ = ("_before", "_ends", "_starts", "_total", "calendar")

    def __init__(
        self, calendar: WorkCalendar, now: datetime, *, days_back: int = 400, days_ahead: int = 90
    ) -> None:
        self.calendar = calendar
        today = calendar.local_date(now)
        starts: list[int] = []
        ends: list[int] = []
        before: list[int] = []  # working time before each window
        total = 0
        for offset in range(-days_back, days_ahead + 1):
            span = calendar.window(today + timedelta(days=offset))
            if span is None:
                continue
            start, end = _us(span[0]), _us(span[1])
            starts.append(start)
            ends.append(end)
            before.append(total)
            total += end - start
        self._starts, self._ends, self._before, self._total = starts, ends, before, total

    def _covers(self, *moments: int) -> bool:
        """Every window that matters to these moments is indexed: the moments lie between
        the first window's start and the last window's end."""
        return bool(self._starts) and all(self._starts[0] <= t <= self._ends[-1] for t in moments)

    def _worked(self, t: int) -> int:
        """Working time from the first indexed window up to `t`."""
        k = bisect_right(self._starts, t) - 1
        if k < 0:
            return 0
        return self._before[k] + min(t - self._starts[k], self._ends[k] - self._starts[k])

    def working_time_between(
        self, a: datetime, b: datetime, *, limit: timedelta | None = None
    ) -> timedelta:
        """As `WorkCalendar.working_time_between`."""
        start, end = _us(a), _us(b)
        if end <= start:
            return timedelta(0)
        if not self._covers(start, end):
            return self.calendar.working_time_between(a, b, limit=limit)
        total = timedelta(microseconds=self._worked(end) - self._worked(start))
        return limit if limit is not None and total >= limit else total

    def add_working_time(self, dt: datetime, amount: timedelta) -> datetime:
        """As `WorkCalendar.add_working_time`."""
        moment = _us(dt)
        if amount <= timedelta(0):
            return _at(moment)
        target = self._worked(moment) + amount // _US if self._covers(moment) else None
        if target is None or target > self._total:
            return self.calendar.add_working_time(dt, amount)
        # The first window whose end brings the working time to the target.
        k = bisect_left(self._before, target) - 1
        while self._before[k] + self._ends[k] - self._starts[k] < target:
            k += 1
        return _at(self._starts[k] + target - self._before[k])

    def next_working_moment(self, dt: datetime) -> datetime:
        """As `WorkCalendar.next_working_moment`."""
        moment = _us(dt)
        k = bisect_right(self._ends, moment)
        if not self._covers(moment) or k >= len(self._starts):
            return self.calendar.next_working_moment(dt)
        return _at(max(moment, self._starts[k]))

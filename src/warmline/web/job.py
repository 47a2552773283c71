"""Long imports run in a thread while the page polls for their progress."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from warmline.core.error import WarmlineError

Progress = Callable[[int], None]


@dataclass
class Job:
    """One running (or finished) piece of work: a dry run or an import of one upload."""

    kind: str
    started: float = field(default_factory=time.monotonic)
    read: int = 0
    done: bool = False
    result: Any = None
    error: str | None = None

    def advance(self, count: int) -> None:
        self.read += count

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


class Jobs:
    """The app's jobs by upload batch. A job runs `work(progress)` in a daemon thread;
    a WarmlineError becomes its `error` line, anything else a generic one (and is
    re-raised in the thread so it is logged)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(
        self,
        batch: str,
        kind: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[], None] | None = None,
    ) -> Job:
        job = Job(kind)
        with self._lock:
            self._jobs[batch] = job

        def run() -> None:
            try:
                job.result = work(job.advance)
            except WarmlineError as exc:
                job.error = exc.message
            except Exception:
                job.error = "import: an unexpected error stopped it; nothing was stored"
                raise
            finally:
                if on_done is not None:
                    on_done()
                job.done = True

        threading.Thread(target=run, name=f"warmline-{kind}-{batch[:6]}", daemon=True).start()
        return job

    def get(self, batch: str) -> Job | None:
        with self._lock:
            return self._jobs.get(batch)

    def pop(self, batch: str) -> Job | None:
        with self._lock:
            return self._jobs.pop(batch, None)

    def wait(self, batch: str, timeout: float = 60.0) -> Job | None:
        """Block until the job is done (tests and scripts)."""
        deadline = time.monotonic() + timeout
        job = self.get(batch)
        while job is not None and not job.done and time.monotonic() < deadline:
            time.sleep(0.01)
        return job

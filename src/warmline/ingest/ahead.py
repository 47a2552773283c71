"""Parse a large export in a second process while this one stores and reads it.

Parsing an export (MIME, charsets, HTML to text, quoted replies) and storing
and reading its messages (identity, dedupe, the coach's reading, SQL) take
about as long as each other, and one Python process runs one of them at a
time. For a large file on a machine with more than one core, `read_ahead` runs
the parser in a forked child that sends the messages back in chunks through a
pipe, so both halves run at once. The caller may hand part of its own work on each
message to the child (`beside`: the import reads emotion there), which the child
does only while this process is the slower one (BEHIND), so the two stay balanced.

Nothing changes for the caller: the messages come in the parser's order, a
parse error is raised at the same point (after the messages before it), the
parser's skips are added to the caller's SkipLog, and at most AHEAD chunks
wait, so memory stays bounded. The child is forked when this process runs a
single thread, and started afresh ("spawn": it imports the parser, about a
fifth of a second) when other threads run, such as the CLI's progress bar,
since a fork copies no other thread and could copy a lock one of them held.
A second process is used on Linux only; elsewhere the parser runs inline.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from warmline.core.error import WarmlineError
from warmline.ingest.record import ImportedMessage, SkipLog

# Smaller files are parsed, stored and read in well under a second: a second process
# would not pay for itself. Above this (a WhatsApp export of about 7,000 messages) it
# does: 10,000 chat messages (755 kB) imported 1-38% faster by the wall clock in three
# alternating runs on two busy cores.
MIN_BYTES = 500_000
CHUNK = 200  # messages sent through the pipe at a time
AHEAD = 8  # chunks received and waiting at most (memory stays bounded)
# The child runs `beside` only while this many chunks it sent wait to be taken: then
# this process is the slower one and the child has time to spare. When this process
# catches up, the child only parses, so that neither waits long for the other.
BEHIND = 2

Parser = Callable[[SkipLog], Iterator[ImportedMessage]]
# Work on each parsed message the caller wants done in the parsing process too: its
# result rides along as the message's `early` field.
Beside = Callable[[ImportedMessage], Any]


def worth_a_process(path: Path) -> bool:
    """Is `path` a file large enough, on a machine and in a process where a forked
    parser is safe and can run beside this one?"""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return False
    return size >= MIN_BYTES and sys.platform == "linux" and (os.cpu_count() or 1) >= 2


def start_method() -> str:
    """fork when this process runs one thread, else spawn (see the module doc)."""
    return "fork" if threading.active_count() == 1 else "spawn"


def read_ahead(
    parse: Parser, skipped: SkipLog, *, method: str | None = None, beside: Beside | None = None
) -> Iterator[ImportedMessage]:
    """The messages `parse(skips)` yields, parsed in a forked child process.

    A thread of this process takes the child's chunks off the pipe as soon as they
    come (up to AHEAD chunks wait), so the child never stalls while this process
    stores and reads. `beside(message)`, when given, runs in the child on each message
    and its result arrives as the message's `early` (when the child cannot start,
    nothing runs it: `early` stays None). For "spawn", `parse` and `beside` must
    pickle: module-level functions, or functools.partial of them.
    """
    context: Any = multiprocessing.get_context(method or start_method())
    receiver, sender = context.Pipe(duplex=False)
    taken = context.Value("q", 0, lock=False)  # chunks this process has taken
    child = context.Process(target=_produce, args=(parse, sender, beside, taken), daemon=True)
    child.start()
    sender.close()
    chunks: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()
    pump = threading.Thread(target=_pump, args=(receiver, chunks, stop), daemon=True)
    pump.start()
    started = False  # has the child sent anything?
    try:
        while True:
            kind, payload = chunks.get()
            if kind == "ended" and not started:
                # the child could not start (a spawned child that cannot re-import the
                # caller's main module, say): parse here instead, nothing is lost
                yield from parse(skipped)
                return
            started = True
            if kind == "items":
                taken.value += 1
                yield from payload
            elif kind == "done":
                counts, samples = payload
                skipped.counts.update(counts)
                for reason, where in samples.items():
                    skipped.samples.setdefault(reason, where)
                return
            elif kind == "error":
                raise payload
            else:
                raise WarmlineError(
                    "import: the parsing process stopped unexpectedly; nothing was stored "
                    "from this file. Try again; if it happens again, report it."
                )
    finally:
        stop.set()
        if child.is_alive():
            child.terminate()
        child.join()
        while pump.is_alive():  # let the pump see the end (it may wait on a full queue)
            with contextlib.suppress(queue.Empty):
                chunks.get(timeout=0.05)
        pump.join()
        receiver.close()


def _pump(
    receiver: Connection, chunks: queue.Queue[tuple[str, Any]], stop: threading.Event
) -> None:
    """In a thread: move the child's chunks from the pipe to the queue, until the end."""
    while not stop.is_set():
        try:
            message = receiver.recv()
        except (EOFError, OSError):
            message = ("ended", None)
        while not stop.is_set():
            try:
                chunks.put(message, timeout=0.05)
                break
            except queue.Full:
                continue
        if message[0] != "items":
            return


def _produce(
    parse: Parser, sender: Connection, beside: Beside | None = None, taken: Any = None
) -> None:
    """In the child: parse (and run `beside` while the parent is behind, see BEHIND),
    send the messages in chunks, then the skips or the error."""
    skips = SkipLog()
    sent = 0
    try:
        chunk: list[ImportedMessage] = []
        for item in parse(skips):
            if beside is not None and (taken is None or sent - taken.value >= BEHIND):
                item = replace(item, early=beside(item))
            chunk.append(item)
            if len(chunk) >= CHUNK:
                sender.send(("items", chunk))
                sent += 1
                chunk = []
        if chunk:
            sender.send(("items", chunk))
        sender.send(("done", (skips.counts, skips.samples)))
    except Exception as exc:
        sender.send(("error", _portable(exc)))
    finally:
        sender.close()


def _portable(exc: Exception) -> Exception:
    """The exception itself when it survives pickling, else a WarmlineError with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return WarmlineError(str(exc))
    return exc

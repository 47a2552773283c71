"""Parse a large export in a second process while this one stores and reads it.

Parsing an export (MIME, charsets, HTML to text, quoted replies) and storing
and reading its messages (identity, dedupe, the coach's reading, SQL) take
about as long as each other, and one Python process runs one of them at a
time. For a large file on a machine with more than one core, `read_ahead` runs
the parser in a forked child that sends the messages back in chunks through a
pipe, so both halves run at once.

Nothing changes for the caller: the messages come in the parser's order, a
parse error is raised at the same point (after the messages before it), the
parser's skips are added to the caller's SkipLog, and the pipe holds at most a
chunk or two, so memory stays bounded. Only where fork is safe — Linux, and a
process running a single thread (the CLI, not the web server's worker
threads) — is a process used; elsewhere the parser runs inline as before.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from warmline.core.error import WarmlineError
from warmline.ingest.record import ImportedMessage, SkipLog

# Smaller files parse in well under a second: a second process would not pay for itself.
MIN_BYTES = 2_000_000
CHUNK = 200  # messages sent through the pipe at a time

Parser = Callable[[SkipLog], Iterator[ImportedMessage]]


def worth_a_process(path: Path) -> bool:
    """Is `path` a file large enough, on a machine and in a process where a forked
    parser is safe and can run beside this one?"""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return False
    return (
        size >= MIN_BYTES
        and sys.platform == "linux"
        and (os.cpu_count() or 1) >= 2
        and threading.active_count() == 1
    )


def read_ahead(parse: Parser, skipped: SkipLog) -> Iterator[ImportedMessage]:
    """The messages `parse(skips)` yields, parsed in a forked child process."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(parse, sender), daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            try:
                kind, payload = receiver.recv()
            except EOFError:
                raise WarmlineError(
                    "import: the parsing process stopped unexpectedly; nothing was stored "
                    "from this file. Try again; if it happens again, report it."
                ) from None
            if kind == "items":
                yield from payload
            elif kind == "done":
                counts, samples = payload
                skipped.counts.update(counts)
                for reason, where in samples.items():
                    skipped.samples.setdefault(reason, where)
                return
            else:
                raise payload
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _produce(parse: Parser, sender: Connection) -> None:
    """In the child: parse, send the messages in chunks, then the skips or the error."""
    skips = SkipLog()
    try:
        chunk: list[ImportedMessage] = []
        for item in parse(skips):
            chunk.append(item)
            if len(chunk) >= CHUNK:
                sender.send(("items", chunk))
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

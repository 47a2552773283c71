"""Conformance: every real public export under ../shared/corpora imports with zero errors.

Usage: python bench/corpora_check.py [CORPORA_DIR] [--quiet]

Walks the corpora folder (default: ../shared/corpora beside the repository),
detects each export's format (detection must pick it: no --format is given),
parses it fully (no storage) and prints per export: format, messages,
skipped, errors. Folder exports (Slack folders, Maildirs) count as one export.
Files that are not exports (licence notes, parsers' expected outputs, source
code) are skipped by name, and the skip is shown. Exits 1 on any error, 0
otherwise; exits 0 with a note when the folder is absent.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warmline.core.error import WarmlineError  # noqa: E402
from warmline.ingest import (  # noqa: E402
    Options,
    SkipLog,
    detect,
    mail,
    read,
)

# (glob on the path relative to the corpora folder, reason). First match wins.
NOT_EXPORTS: tuple[tuple[str, str], ...] = (
    ("*.md", "notes, not an export"),
    ("*README*", "notes, not an export"),
    ("*.d.ts", "source code (a parser's type definitions)"),
    ("*.js", "source code (a test generator)"),
    ("*target.json", "a parser's expected output, not an export"),
    ("*/header_format_support.json", "a parser's list of header formats, not an export"),
    ("*/messages/bot_message.json", "one Slack API message object, not an export"),
    ("*/export/ref-channels.json", "part of the Slack export folder beside it"),
    ("*.msg", "Outlook .msg is not supported yet (save as .eml from Outlook)"),
)
# Folders that are one export each (checked before descending).
FOLDER_EXPORTS = ("slack", "maildir")


def skip_reason(rel: str) -> str | None:
    for pattern, reason in NOT_EXPORTS:
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
            return reason
    return None


def exports(root: Path) -> list[tuple[Path, str | None]]:
    """(path, skip reason or None) for every export file or folder under root."""
    out: list[tuple[Path, str | None]] = []

    def visit(folder: Path) -> None:
        if folder != root:
            names = {p.name for p in folder.iterdir()}
            if names & {"users.json", "org_users.json", "channels.json"} or mail.is_maildir(folder):
                out.append((folder, None))
                return
        for child in sorted(folder.iterdir()):
            rel = child.relative_to(root).as_posix()
            if child.is_dir():
                if child.name in ("cur", "new", "tmp") and mail.is_maildir(folder):
                    continue
                visit(child)
                continue
            out.append((child, skip_reason(rel)))

    visit(root)
    return out


def check(path: Path) -> tuple[str, int, int, str]:
    """(format, messages, skipped, error or '') for one export."""
    skipped = SkipLog()
    try:
        fmt = detect(path)
        count = 0
        for _ in read(path, fmt, Options(zone="UTC"), skipped):
            count += 1
        return fmt, count, skipped.total, ""
    except WarmlineError as exc:
        return "?", 0, skipped.total, exc.message
    except Exception as exc:  # a crash is an error too, and must be reported, not hidden
        return "?", 0, skipped.total, f"{type(exc).__name__}: {exc}"


def default_root() -> Path:
    """../shared/corpora beside the repository (or beside an ancestor, for worktrees)."""
    env = os.environ.get("WARMLINE_CORPORA")
    if env:
        return Path(env)
    for base in (ROOT.parent, *ROOT.parent.parents):
        candidate = base / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora"


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0]) if args else default_root()
    if not root.is_dir():
        print(f"corpora folder {root} is absent: nothing to check")
        return 0
    started = time.perf_counter()
    totals = {"exports": 0, "messages": 0, "skipped": 0, "errors": 0, "not-exports": 0}
    by_format: dict[str, list[int]] = {}
    for path, reason in exports(root):
        rel = path.relative_to(root).as_posix()
        if reason:
            totals["not-exports"] += 1
            if not quiet:
                print(f"skip   {rel}: {reason}")
            continue
        fmt, count, skipped, error = check(path)
        totals["exports"] += 1
        totals["messages"] += count
        totals["skipped"] += skipped
        stat = by_format.setdefault(fmt, [0, 0, 0])
        stat[0] += 1
        stat[1] += count
        if error:
            totals["errors"] += 1
            stat[2] += 1
            print(f"ERROR  {rel}: {error}")
        elif not quiet:
            extra = f", {skipped} skipped" if skipped else ""
            print(f"ok     {rel}: {fmt}, {count} messages{extra}")
    elapsed = time.perf_counter() - started
    print()
    print(f"{'format':<12}{'exports':>9}{'messages':>10}{'errors':>8}")
    for fmt in sorted(by_format):
        n, m, e = by_format[fmt]
        print(f"{fmt:<12}{n:>9}{m:>10}{e:>8}")
    print(
        f"\n{totals['exports']} exports parsed, {totals['messages']} messages, "
        f"{totals['skipped']} skipped messages, {totals['errors']} errors, "
        f"{totals['not-exports']} files skipped as not exports, in {elapsed:.1f} s"
    )
    ham = root / "email" / "spamassassin-ham"
    if ham.is_dir():
        print(ham_speed(ham))
    return 1 if totals["errors"] else 0


def ham_speed(ham: Path) -> str:
    """Parse-only speed on the SpamAssassin ham messages (one file each, as stored)."""
    files = sorted(ham.rglob("*.txt"))
    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    for file in files:
        with file.open("rb") as stream:
            for _ in mail.parse_mbox(stream, name=str(file)):
                count += 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return (
        f"parse-only speed, SpamAssassin ham: {count} messages from {len(files)} files "
        f"in {elapsed:.2f} s = {count / elapsed:,.0f} messages/s "
        f"({count / cpu:,.0f} per CPU second)"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

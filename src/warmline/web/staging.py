"""Uploaded exports wait here between the preview and the confirmation.

Each upload gets a folder named by a random batch ID under WARMLINE_HOME/uploads;
it is removed when the import is confirmed, discarded or fails, and folders older
than a day are swept away when the app starts. Nothing else is kept.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any, BinaryIO

from warmline.core.error import WarmlineError

_BATCH = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_UNSAFE = re.compile(r"[^\w.\-() ]+", re.UNICODE)
META = ".meta.json"
MAX_AGE_SECONDS = 24 * 3600


def safe_name(filename: str) -> str:
    """A file name without folders or odd characters (keeps CJK letters and the suffix)."""
    base = Path(filename.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip("._ ") or "upload"
    return cleaned[-120:]


class Staging:
    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, stream: BinaryIO, filename: str) -> tuple[str, Path]:
        """Copy an upload into a fresh batch folder; returns (batch, path)."""
        batch = secrets.token_urlsafe(18)
        folder = self.root / batch
        folder.mkdir(parents=True, exist_ok=False)
        path = folder / safe_name(filename)
        with path.open("wb") as out:
            shutil.copyfileobj(stream, out, length=1 << 20)
        return batch, path

    def path(self, batch: str) -> Path:
        """The staged file of `batch`, or a WarmlineError when it is gone."""
        if not _BATCH.match(batch):
            raise WarmlineError("import: unknown upload; upload the file again")
        folder = self.root / batch
        files = sorted(p for p in folder.iterdir() if p.name != META) if folder.is_dir() else []
        if not files:
            raise WarmlineError("import: this upload has expired; upload the file again")
        return files[0]

    def save_meta(self, batch: str, meta: dict[str, Any]) -> None:
        """What the preview learned (format, zone, unknown senders), for the confirmation."""
        path = self.path(batch).parent / META
        path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    def meta(self, batch: str) -> dict[str, Any]:
        path = self.path(batch).parent / META
        if not path.exists():
            return {}
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def discard(self, batch: str) -> None:
        if _BATCH.match(batch):
            shutil.rmtree(self.root / batch, ignore_errors=True)

    def sweep(self, max_age: float = MAX_AGE_SECONDS) -> int:
        """Remove batches older than `max_age` seconds; returns how many."""
        if not self.root.is_dir():
            return 0
        cutoff = time.time() - max_age
        gone = 0
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                gone += 1
        return gone

    def batches(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir()) if self.root.is_dir() else []

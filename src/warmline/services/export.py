"""The whole book as versioned JSON, and back into an empty book."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import datetime, time
from pathlib import Path
from typing import Any, TypeVar

from warmline.core.client import Channels, Client, Profile
from warmline.core.error import WarmlineError
from warmline.core.ledger import (
    AgendaMark,
    Commitment,
    Deliverable,
    Meeting,
    Note,
    Project,
    Testimonial,
)
from warmline.core.message import Message
from warmline.services.base import ServiceBase

FORMAT = "warmline-book"
VERSION = 1
T = TypeVar("T")

# Section name -> domain type, in the order they are written and read back.
SECTIONS: dict[str, type[Any]] = {
    "clients": Client,
    "notes": Note,
    "projects": Project,
    "messages": Message,
    "commitments": Commitment,
    "deliverables": Deliverable,
    "meetings": Meeting,
    "testimonials": Testimonial,
    "agenda_marks": AgendaMark,
}


def to_json(value: Any) -> Any:
    """A domain value as plain JSON data (datetimes as ISO 8601 UTC, times as HH:MM)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def _from_json(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _from_json(args[0], value, where)
    if tp is datetime:
        try:
            dt = datetime.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where}: {value!r} is not an ISO 8601 time") from exc
        if dt.tzinfo is None:
            raise ValueError(f"{where}: {value!r} has no UTC offset")
        return dt
    if tp is time:
        hh, mm = str(value).split(":")
        return time(int(hh), int(mm))
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        return tuple(_from_json(inner, v, where) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_json(tp, value, where)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def from_json(cls: type[T], data: Any, where: str) -> T:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    values = {k: _from_json(hints[k], v, f"{where}.{k}") for k, v in data.items()}
    try:
        return cls(**values)
    except TypeError as exc:
        raise ValueError(f"{where}: {exc}") from exc


class ExportService(ServiceBase):
    def export_book(self) -> dict[str, Any]:
        with self.book() as repo:
            doc: dict[str, Any] = {
                "format": FORMAT,
                "version": VERSION,
                "profile": to_json(repo.profile()),
                "settings": repo.user_settings(),
                "clients": to_json(repo.clients(include_archived=True)),
                "notes": to_json(repo.notes()),
                "projects": to_json(repo.projects()),
                "messages": to_json(repo.messages()),
                "commitments": to_json(repo.commitments()),
                "deliverables": to_json(repo.deliverables()),
                "meetings": to_json(repo.meetings()),
                "testimonials": to_json(repo.testimonials()),
                "agenda_marks": to_json(repo.marks()),
            }
        return doc

    @staticmethod
    def dumps(doc: dict[str, Any]) -> str:
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def import_book(self, source: str | Path, doc: dict[str, Any] | None = None) -> dict[str, int]:
        """Load an exported book into an EMPTY book, all or nothing. Returns counts per section."""
        name = str(source)
        if doc is None:
            try:
                doc = json.loads(Path(source).read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                raise WarmlineError(f"{name}: no such file") from exc
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise WarmlineError(
                    f"{name}: not a warmline book export (not valid UTF-8 JSON: {exc}); export one with `warmline export`"
                ) from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise WarmlineError(
                f'{name}: not a warmline book export (no "format": "{FORMAT}"); export one with `warmline export`'
            )
        if doc.get("version") != VERSION:
            raise WarmlineError(
                f"{name}: book version {doc.get('version')!r} is not supported; this warmline reads version {VERSION}"
            )
        try:
            profile = from_json(Profile, doc.get("profile", {}), "profile")
            sections = {
                key: [
                    from_json(cls, item, f"{key}[{i}]") for i, item in enumerate(doc.get(key, []))
                ]
                for key, cls in SECTIONS.items()
            }
        except (ValueError, KeyError) as exc:
            raise WarmlineError(
                f"{name}: {exc}; the file is damaged, export the book again"
            ) from exc
        with self.book() as repo:
            if not repo.is_empty():
                raise WarmlineError(
                    f"{name}: the book is not empty; import a book only into an empty one (use another WARMLINE_HOME or WARMLINE_DATABASE_URL)"
                )
            repo.save_profile(profile)
            repo.save_user_settings(dict(doc.get("settings") or {}))
            for c in sections["clients"]:
                repo.add_client(c, id_=c.id)
            for n in sections["notes"]:
                repo.add_note(n)
            for p in sections["projects"]:
                repo.add_project(p)
            repo.add_messages(sections["messages"])
            for k in sections["commitments"]:
                repo.add_commitment(k)
            for d in sections["deliverables"]:
                repo.add_deliverable(d)
            for mt in sections["meetings"]:
                repo.add_meeting(mt)
            for t in sections["testimonials"]:
                repo.add_testimonial(t)
            for mk in sections["agenda_marks"]:
                repo.put_mark(mk)
            repo.reset_sequences()
        return {key: len(items) for key, items in sections.items()}


_ = Channels  # Channels is reached through Client's type hints

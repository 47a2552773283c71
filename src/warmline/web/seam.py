"""The web's seams to use cases other parts of warmline provide.

Today (the agenda), the coach's check, reading a client's message and importing
an export are services of their own. This module is the one place the web app
touches them: it turns their results into the `*Out` schemas the pages and the
JSON API promise, and says whether each service is there yet, so a page can show
"not ready" instead of failing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from warmline.core.error import WarmlineError
from warmline.core.message import Message
from warmline.core.text import Lang
from warmline.services import Services
from warmline.web.schema import (
    AgendaItemOut,
    CheckOut,
    ImportPreviewOut,
    ImportResultOut,
    ReadingOut,
)

# The services' use cases each page needs, by the name it has on `Services`.
AGENDA = "today"
COACH = "check"
READER = "read"
INGEST = "preview_import"


class NotReady(WarmlineError):
    """A service the page needs is not part of this warmline yet."""

    def __init__(self, service: str) -> None:
        super().__init__(f"{service}: not available in this version of warmline yet")
        self.service = service


def _use_case(svc: Services, name: str) -> Any:
    found = getattr(svc, name, None)
    if not callable(found):
        raise NotReady(name)
    return found


def agenda_ready(svc: Services) -> bool:
    return callable(getattr(svc, AGENDA, None))


def coach_ready(svc: Services) -> bool:
    return callable(getattr(svc, COACH, None))


def reader_ready(svc: Services) -> bool:
    return callable(getattr(svc, READER, None))


def ingest_ready(svc: Services) -> bool:
    return callable(getattr(svc, INGEST, None))


def today(svc: Services, lang: Lang) -> list[AgendaItemOut]:
    _use_case(svc, AGENDA)
    raise NotReady(AGENDA)


def check(svc: Services, text: str, client_id: int | None, lang: Lang) -> CheckOut:
    _use_case(svc, COACH)
    raise NotReady(COACH)


def read(svc: Services, text: str, client_id: int | None, lang: Lang) -> ReadingOut:
    _use_case(svc, READER)
    raise NotReady(READER)


def import_formats(svc: Services) -> list[str]:
    """The export formats the importer reads (empty when there is no importer yet)."""
    return []


def preview_import(
    svc: Services,
    batch: str,
    path: Path,
    filename: str,
    *,
    format: str | None = None,
    zone: str | None = None,
) -> ImportPreviewOut:
    _use_case(svc, INGEST)
    raise NotReady(INGEST)


def confirm_import(
    svc: Services, batch: str, path: Path, mapping: dict[str, str]
) -> ImportResultOut:
    _use_case(svc, INGEST)
    raise NotReady(INGEST)


def mark_sent(svc: Services, item_id: str, text: str | None) -> Message:
    _use_case(svc, AGENDA)
    raise NotReady(AGENDA)


def mark_done(svc: Services, item_id: str) -> AgendaItemOut:
    _use_case(svc, AGENDA)
    raise NotReady(AGENDA)


def snooze(svc: Services, item_id: str, until: datetime) -> AgendaItemOut:
    _use_case(svc, AGENDA)
    raise NotReady(AGENDA)

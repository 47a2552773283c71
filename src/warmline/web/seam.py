"""The web's seams to use cases other parts of warmline provide.

Today (the agenda), the coach's check, reading a client's message and importing
an export are services of their own. This module is the one place the web app
touches them: it turns their results into the `*Out` schemas the pages and the
JSON API promise, and says whether each service is there yet, so a page can show
"not ready" instead of failing.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from warmline.core.clock import format_local
from warmline.core.error import NotFound, WarmlineError
from warmline.core.message import Message
from warmline.core.principle import PRINCIPLES
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


def coach_ready(svc: Services | type[Services]) -> bool:
    return callable(getattr(svc, COACH, None))


def reader_ready(svc: Services | type[Services]) -> bool:
    return callable(getattr(svc, READER, None))


def ingest_ready(svc: Services | type[Services]) -> bool:
    return callable(getattr(svc, INGEST, None))


_ITEM_CLIENT = re.compile(r":client:(\d+)(?::|$)")


def _item_out(item: Any, lang: Lang) -> AgendaItemOut:
    """An agenda.AgendaItem as the pages and the API show it, in the UI language."""
    from warmline.agenda.item import KIND_LABELS

    zone_name = item.client_timezone
    principle = PRINCIPLES.get(item.principle)
    return AgendaItemOut.model_construct(  # our own values: no need to validate them again
        id=item.id,
        client_id=item.client_id,
        client_name=item.client_name,
        kind=item.kind,
        kind_label=KIND_LABELS[item.kind].in_(lang) if item.kind in KIND_LABELS else item.kind,
        principle=item.principle,
        principle_title=principle.title.in_(lang) if principle else item.principle,
        related_principles=list(item.related),
        band=item.band,
        urgency=item.urgency,
        overdue=item.overdue,
        due=item.due,
        reason=item.reason.in_(lang),
        client_timezone=zone_name,
        client_local_time=format_local(item.client_local_time, zone_name, lang),
        send_at=item.send_at,
        send_at_text=format_local(item.send_at, zone_name, lang),
        suggested_message=item.suggested_message,
        message_language=item.message_lang,
        details=[d.in_(lang) for d in item.details],
        openers=list(item.openers),
        explain=item.explain(lang),
        reason_key=item.reason_key,
    )


def today(svc: Services, lang: Lang, owner: str | None = None) -> list[AgendaItemOut]:
    """Today's agenda, most urgent first (only `owner`'s clients when given: team books)."""
    agenda = svc.today(owner=owner or None)
    return [_item_out(item, lang) for item in agenda.items]


def _find_item(svc: Services, item_id: str) -> Any:
    """The agenda item with this ID as it stands now, or NotFound."""
    gone = NotFound(
        f"agenda item: {item_id!r} is no longer on the agenda (done, snoozed or not due); "
        "reload Today"
    )
    found = _ITEM_CLIENT.search(item_id)
    client: int | None = None
    if found:
        cid = int(found.group(1))
        try:
            exists = svc.client(cid).id == cid  # the services also match names; IDs must not
        except NotFound:
            exists = False
        if not exists:
            raise gone
        client = cid
    for item in svc.today(client=client).items:
        if item.id == item_id:
            return item
    raise gone


def mark_sent(svc: Services, item_id: str, text: str | None) -> Message:
    """Log the item's message (or `text`, as edited) as sent, then mark the item done.
    Sending may itself resolve the item (a reply): then there is nothing to mark."""
    item = _find_item(svc, item_id)
    body = (text if text is not None else item.suggested_message).strip()
    if not body:
        raise WarmlineError("message: the message is empty; write what you sent")
    sent = svc.log_message(item.client_id, "out", body, project=_project_ref(item))
    with contextlib.suppress(NotFound):
        svc.mark_done(item.id)
    return sent


def _project_ref(item: Any) -> str | None:
    return str(item.project_id) if getattr(item, "project_id", None) else None


def mark_done(svc: Services, item_id: str) -> AgendaItemOut:
    item = _find_item(svc, item_id)
    svc.mark_done(item.id)
    return _item_out(item, svc.profile().ui_language)


def snooze(svc: Services, item_id: str, until: datetime) -> AgendaItemOut:
    item = _find_item(svc, item_id)
    svc.snooze(item.id, until.isoformat())
    return _item_out(item, svc.profile().ui_language)


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

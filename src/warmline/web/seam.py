"""The web's seams to use cases other parts of warmline provide.

Today (the agenda), the coach's check, reading a client's message and importing
an export are services of their own. This module is the one place the web app
touches them: it turns their results into the `*Out` schemas the pages and the
JSON API promise, so a change in a service's shape is absorbed here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from warmline.agenda import AgendaItem
from warmline.agenda.item import KIND_LABELS
from warmline.coach import CheckContext, CoachConfig, Finding, compile_rules, load_rules
from warmline.coach import check as coach_check
from warmline.core.clock import format_local
from warmline.core.error import NotFound, WarmlineError
from warmline.core.message import Message
from warmline.core.principle import PRINCIPLES
from warmline.core.text import Lang, detect_language
from warmline.ingest import IMPORTERS
from warmline.services import Services
from warmline.web.memo import Memo
from warmline.web.schema import (
    AgendaItemOut,
    AmbiguityOut,
    CheckOut,
    ClientOut,
    ClientPromiseOut,
    FindingOut,
    ImportPreviewOut,
    ImportResultOut,
    PlanStepOut,
    ReadingOut,
    RuleOut,
    SenderOut,
)

_ITEM_CLIENT = re.compile(r":client:(\d+)(?::|$)")


def _item_out(item: AgendaItem, lang: Lang) -> AgendaItemOut:
    """An agenda.AgendaItem as the pages and the API show it, in the UI language."""
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


def _find_item(svc: Services, item_id: str) -> AgendaItem:
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
            _exact_client(svc, cid)
        except NotFound:
            raise gone from None
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


def _project_ref(item: AgendaItem) -> str | None:
    return str(item.project_id) if item.project_id else None


def mark_done(svc: Services, item_id: str) -> AgendaItemOut:
    item = _find_item(svc, item_id)
    svc.mark_done(item.id)
    return _item_out(item, svc.profile().ui_language)


def snooze(svc: Services, item_id: str, until: datetime) -> AgendaItemOut:
    item = _find_item(svc, item_id)
    svc.snooze(item.id, until.isoformat())
    return _item_out(item, svc.profile().ui_language)


# Fixers whose suggestion is the exact replacement of the matched words (one click).
REPLACING_FIXERS = frozenset({"resolve-time"})


@functools.cache
def _fixers() -> dict[str, str]:
    return {rule.id: rule.fix for rule in load_rules()}


def check(
    svc: Services, text: str, client_id: int | None, lang: Lang, memo: Memo | None = None
) -> CheckOut:
    """The coach's findings on a draft (to a client, with what the book knows of them).

    With a memo, what the book knows (the client's style, open questions, notes, thread)
    and the coach settings are kept until the book changes, so checking as one types
    costs only the check itself; the send time is always now.
    """
    findings: list[Finding] = []
    if text.strip():
        if memo is None:
            if client_id is not None:
                _exact_client(svc, client_id)
            findings = svc.check_draft(text, client_id)
        else:
            ctx = memo.get(("check-context", client_id), lambda: _context(svc, client_id))
            config = memo.get(("coach-config",), lambda: _compiled_config(svc))
            findings = coach_check(text, dataclasses.replace(ctx, now=svc.now()), config)
    return CheckOut(
        text=text,
        language=detect_language(text, lang),
        findings=[
            FindingOut(
                rule=f.rule,
                principle=f.principle,
                level=f.level,
                start=f.start,
                end=f.end,
                match=f.match,
                message=f.message,
                suggestion=f.suggestion,
                replaceable=bool(
                    f.suggestion
                    and f.start < f.end
                    and text[f.start : f.end] == f.match
                    and _fixers().get(f.rule) in REPLACING_FIXERS
                ),
            )
            for f in findings
        ],
    )


# Drafts up to this length are checked on the event loop when nothing needs reading
# (a fraction of a millisecond); longer ones, or a check that must read the book, run
# in a worker thread.
INLINE_CHECK_CHARS = 2000


def check_is_light(memo: Memo, text: str, client_id: int | None) -> bool:
    """True when checking `text` needs no I/O (the client's context and the coach
    settings are kept) and little CPU: it can run without a worker thread."""
    return (
        len(text) <= INLINE_CHECK_CHARS
        and memo.peek(("check-context", client_id)) is not None
        and memo.peek(("coach-config",)) is not None
    )


def _compiled_config(svc: Services) -> CoachConfig:
    """The coach settings, with the rules compiled for them once (not in every thread
    that checks at the same moment: compiling takes a second or two)."""
    config = svc.coach_config()
    compile_rules(config)
    return config


def _context(svc: Services, client_id: int | None) -> CheckContext:
    if client_id is not None:
        _exact_client(svc, client_id)
    return svc.check_context(client_id)


def _exact_client(svc: Services, cid: int) -> None:
    try:
        exists = svc.client(cid).id == cid  # the services also match names; IDs must not
    except NotFound:
        exists = False
    if not exists:
        raise NotFound(f"client: no client with ID {cid}; open the client list to find them")


def read(svc: Services, text: str, client_id: int | None, lang: Lang) -> ReadingOut:
    """Read a client's message: emotion, questions, ambiguity, their promises; for anger
    the response plan and a drafted reply."""
    if client_id is not None:
        _exact_client(svc, client_id)
    reading = svc.read_message(text, client_id, ui_lang=lang)
    zone_name = svc.client(client_id).timezone if client_id else svc.profile().timezone
    plan = reading.plan
    return ReadingOut(
        language=reading.lang,
        emotion=reading.emotion,
        emotion_score=round(reading.score, 3),
        cues=list(reading.cues),
        questions=list(reading.questions),
        status_request=reading.status_request,
        ambiguities=[AmbiguityOut(match=a.text, question=a.question) for a in reading.ambiguities],
        promises=[
            ClientPromiseOut(
                text=p.text,
                due=p.due,
                due_text=format_local(p.due, zone_name, lang) if p.due else p.when,
            )
            for p in reading.client_promises
        ],
        plan=[PlanStepOut(principle=s.principle, text=s.text) for s in plan.steps] if plan else [],
        reply=plan.reply if plan else None,
        next_update=plan.next_update if plan else None,
    )


def import_formats() -> list[str]:
    """The export formats the importer reads."""
    return list(IMPORTERS)


def _named(exc: WarmlineError, path: Path, filename: str) -> WarmlineError:
    """The error with the staged file's path replaced by the name the user uploaded."""
    return WarmlineError(exc.message.replace(str(path), filename))


def preview_import(
    svc: Services,
    batch: str,
    path: Path,
    filename: str,
    *,
    format: str | None = None,
    zone: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportPreviewOut:
    """A dry run: everything an import would do, rolled back."""
    try:
        report = svc.import_file(
            path, fmt=format or None, zone=zone or None, dry_run=True, progress=progress
        )
    except WarmlineError as exc:
        raise _named(exc, path, filename) from exc
    return ImportPreviewOut(
        batch=batch,
        filename=filename,
        format=report.format,
        read=report.read,
        new=report.new,
        duplicates=report.duplicate,
        assigned=report.assigned,
        unassigned=report.unassigned,
        outgoing=report.outgoing,
        skipped=sum(report.skipped.values()),
        skipped_reasons={
            report.skip_reason(k, svc.profile().ui_language): n for k, n in report.skipped.items()
        },
        unknown=[
            SenderOut(
                handle=u.handle, name=u.name, channel=u.channel, count=u.count, samples=u.samples
            )
            for u in sorted(report.unknown.values(), key=lambda u: -u.count)
        ],
    )


CHOICE = re.compile(r"^(?:client:\d+|new|me|skip)$")


def confirm_import(
    svc: Services,
    path: Path,
    filename: str,
    mapping: dict[str, str],
    *,
    senders: list[SenderOut],
    format: str | None = None,
    zone: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResultOut:
    """Import the file, all or nothing, with unknown senders mapped to clients (existing
    or new), to me, or left unassigned. New clients are made only after the import
    succeeded, so a failed import leaves nothing behind."""
    for handle, choice in mapping.items():
        if not CHOICE.match(choice):
            raise WarmlineError(
                f"mapping: {choice!r} for {handle!r} is unknown; use client:<id>, new, me or skip"
            )
    maps = {h: c.removeprefix("client:") for h, c in mapping.items() if c.startswith("client:")}
    mapped = [svc.client(ref) for ref in dict.fromkeys(maps.values())]
    by_handle = {s.handle: s for s in senders}
    me = [
        x
        for h, c in mapping.items()
        if c == "me"
        for x in (h, by_handle[h].name if h in by_handle else "")
        if x
    ]
    try:
        report = svc.import_file(
            path, fmt=format or None, zone=zone or None, maps=maps, me=me, progress=progress
        )
    except WarmlineError as exc:
        raise _named(exc, path, filename) from exc
    created = []
    moved = 0
    for handle, choice in mapping.items():
        if choice != "new" or handle not in report.unknown:
            continue
        sender = report.unknown[handle]
        language = detect_language(" ".join(sender.samples), svc.profile().ui_language)
        client = svc.add_client(
            sender.name or handle, timezone=zone or svc.profile().timezone, language=language
        )
        assert client.id is not None
        client, count = svc.map_handle(handle, str(client.id))
        created.append(client)
        moved += count
    return ImportResultOut(
        filename=filename,
        imported=report.new,
        duplicates=report.duplicate,
        skipped=sum(report.skipped.values()),
        assigned=report.assigned + moved,
        unassigned=report.unassigned - moved,
        clients_created=[ClientOut.of(c) for c in created],
        clients_mapped=[ClientOut.of(c) for c in mapped],
    )


def coach_rules(svc: Services, lang: Lang) -> list[RuleOut]:
    """Every coach rule with its principle, level and whether it is on (coach.yaml and
    the user's stored settings applied)."""
    config = svc.coach_config()
    rules = [*load_rules(), *config.extra_rules]
    out = []
    for rule in rules:
        setting = config.setting(rule.id)
        out.append(
            RuleOut(
                id=rule.id,
                principle=rule.principle,
                level=setting.level or rule.level,
                enabled=setting.enabled,
                about=re.sub(r"\{\w+\}", "…", rule.message.in_(lang)),
            )
        )
    return out


def switch_rules(svc: Services, wanted: dict[str, bool]) -> None:
    """Turn rules on or off; other settings of a rule (level, phrases) are kept."""
    current = {r.id: r.enabled for r in coach_rules(svc, "en")}
    unknown = sorted(set(wanted) - set(current))
    if unknown:
        raise NotFound(f"rule: {unknown[0]!r} is not a coach rule; see GET /api/coach/rules")
    stored = svc.coach_settings()
    rules = dict(stored.get("rules") or {})
    for rule_id, on in wanted.items():
        if current[rule_id] == on:
            continue
        value = rules.get(rule_id)
        if isinstance(value, dict):
            rules[rule_id] = {**value, "enabled": on}
        elif isinstance(value, str) and value not in ("on", "off", "true", "false", "yes", "no"):
            rules[rule_id] = {"enabled": on, "level": value}
        else:
            rules[rule_id] = "on" if on else "off"
    svc.set_coach_settings({**stored, "rules": rules})

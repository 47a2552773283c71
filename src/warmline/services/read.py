"""Read client messages with what the book knows, and record what messages imply.

- `read_message`: `warmline read` — a client message read in the context of
  the client (name, zone, language), the user (name, zone, UI language) and
  their active project; anger gets the six-step plan (coach.reading).
- `enrich_message` (BookService's hook): an incoming message is stored with
  its emotion, score, questions and status request.
- `after_message` (BookService's hook): a stored message that was not logged
  by hand records the promises it makes (ours from outgoing messages, the
  client's from incoming ones) and the deliveries it makes; a delivery closes
  the promises extracted earlier for that client. Hand-logged messages are left
  alone here (the user and the demo record their promises explicitly);
  `record_from_message` extracts from any stored message on request.
- `intake` (BookService's hook): imports do both of the above a batch at a time
  (services/intake.py), with the same rules.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from warmline.coach.emotion import classify
from warmline.coach.question import find_questions, is_status_request
from warmline.coach.reading import ReadContext, Reading, read
from warmline.core.client import Client, Profile
from warmline.core.error import WarmlineError
from warmline.core.ledger import Commitment, Deliverable
from warmline.core.message import Message
from warmline.core.text import Lang, as_lang
from warmline.services.base import ServiceBase
from warmline.services.intake import (
    EarlyReader,
    Intake,
    delivery_in,
    kept_by,
    message_lang,
    promises_in,
)


class ReadService(ServiceBase):
    # -- warmline read -----------------------------------------------------------
    def read_context(
        self,
        client: str | int | None = None,
        *,
        at: str | datetime | None = None,
        lang: str | None = None,
        ui_lang: str | None = None,
    ) -> ReadContext:
        """The context a client message is read in (received at `at`, default now).

        `lang` is the message's language (default: detected); `ui_lang` the
        language of the plan's steps (default: the user's UI language).
        """
        now = self.when(at, field="--at") or self.now()
        msg_lang: Lang | None = as_lang(lang) if lang else None
        with self.book() as repo:
            profile: Profile = repo.profile()
            if ui_lang:
                profile = dataclasses.replace(profile, ui_language=as_lang(ui_lang))
            if client is None:
                return ReadContext(
                    now=now,
                    lang=msg_lang,
                    ui_lang=profile.ui_language,
                    client_zone=profile.timezone,
                    user_name=profile.name,
                    user_zone=profile.timezone,
                    client_country=profile.country,
                )
            c = repo.resolve_client(str(client))
            active = repo.projects(c.id, status="active")
            return ReadContext(
                now=now,
                lang=msg_lang,
                ui_lang=profile.ui_language,
                client_name=c.name,
                client_zone=c.timezone,
                user_name=profile.name,
                project=active[0].title if len(active) == 1 else "",
                user_zone=profile.timezone,
                client_country=c.country,
            )

    def read_message(
        self,
        text: str,
        client: str | int | None = None,
        *,
        at: str | datetime | None = None,
        lang: str | None = None,
        ui_lang: str | None = None,
    ) -> Reading:
        """Read a client message: emotion, questions, status request, ambiguity,
        their promises, and for anger the response plan."""
        if not text.strip():
            raise WarmlineError(
                "message: the message is empty; give its text, a file, or - for stdin"
            )
        ctx = self.read_context(client, at=at, lang=lang, ui_lang=ui_lang)
        if ctx.lang is None and client is not None:
            with self.book() as repo:
                fallback = repo.resolve_client(str(client)).language
            ctx = dataclasses.replace(ctx, lang=message_lang(text, fallback))
        return read(text, ctx)

    # -- hooks called when messages are stored ---------------------------------
    def enrich_message(self, msg: Message, client: Client, profile: Profile) -> Message:
        """An incoming message is stored with what reading it finds."""
        if msg.direction != "in" or not msg.text.strip():
            return msg
        lang = message_lang(msg.text, client.language)
        affect = classify(msg.text, lang)
        return dataclasses.replace(
            msg,
            emotion=affect.label,
            emotion_score=round(affect.score, 3),
            questions=tuple(q.text for q in find_questions(msg.text, lang)),
            status_request=is_status_request(msg.text, lang),
        )

    def after_message(self, repo: Any, msg: Message, client: Client) -> None:
        """An imported message records its promises and deliveries."""
        if msg.source == "manual":
            return
        self._record(repo, msg, client)

    def intake(self, repo: Any, profile: Profile) -> Intake:
        """Imported messages are read as stored ones are, a batch at a time."""
        return Intake(repo, my_zone=profile.timezone, now=self.now())

    def early_reader(self) -> EarlyReader:
        """The emotion of each message of a large import is read in its parsing process."""
        return EarlyReader()

    def record_from_message(self, message_id: int) -> tuple[list[Commitment], list[Deliverable]]:
        """Extract and record the promises and deliveries of one stored message."""
        with self.book() as repo:
            msg = repo.message(message_id)
            if msg.client_id is None:
                raise WarmlineError(
                    f"message {message_id}: not assigned to a client yet; map its sender first"
                )
            return self._record(repo, msg, repo.client(msg.client_id))

    def _record(
        self, repo: Any, msg: Message, client: Client
    ) -> tuple[list[Commitment], list[Deliverable]]:
        if msg.client_id is None or msg.id is None:
            return [], []
        lang = message_lang(msg.text, client.language)
        my_zone = self._my_zone(repo)
        promises = [
            repo.add_commitment(c)
            for c in promises_in(msg, msg.id, client, my_zone, lang, self.now())
        ]
        deliveries: list[Deliverable] = []
        delivery = delivery_in(msg, msg.id, my_zone, lang)
        if delivery is not None:
            deliveries.append(repo.add_deliverable(delivery))
            self._close_extracted(repo, msg)
        return promises, deliveries

    def _close_extracted(self, repo: Any, delivery: Message) -> None:
        """A delivery keeps the promises extracted from our earlier messages (T2)."""
        for c in repo.commitments(delivery.client_id, status="open", by="us"):
            assert delivery.id is not None
            status = kept_by(c, delivery.id, delivery.sent_at)
            if status is not None:
                repo.update_commitment(
                    dataclasses.replace(c, status=status, closed_at=delivery.sent_at)
                )

    def _my_zone(self, repo: Any) -> str:
        cache: dict[int, str] = self.__dict__.setdefault("_zone_by_repo", {})
        key = id(repo)
        if key not in cache:
            cache.clear()
            cache[key] = repo.profile().timezone
        return cache[key]

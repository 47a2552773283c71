"""Coach a draft to a client: the context comes from the book (the client's zone,
their style learned from their own messages, their open questions, personal notes,
the recent thread), the settings from coach.yaml and the user's stored settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import yaml

from warmline.agenda.reading import is_ping, questions_in
from warmline.coach import CheckContext, CoachConfig, Finding, check, learn_style
from warmline.coach.config import config_from_mapping, config_from_yaml
from warmline.coach.detector import has_human_moment
from warmline.core.error import WarmlineError
from warmline.core.text import Lang, as_lang
from warmline.services.base import ServiceBase

STYLE_SAMPLES = 50  # the client's latest incoming messages a style is learned from
THREAD_DAYS = 30  # the recent thread: messages of the last 30 days...
THREAD_MAX = 20  # ...at most the latest 20
ESTABLISHED_MESSAGES = 20  # a relationship is established after 20 messages
ESTABLISHED_DAYS = 60  # ...over at least 60 days


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Settings layered: `extra` (the user's stored settings) over `base` (coach.yaml)."""
    rules = dict(base.get("rules") or {})
    rules.update(extra.get("rules") or {})
    phrases = list(base.get("phrases") or []) + list(extra.get("phrases") or [])
    merged: dict[str, Any] = {}
    if rules:
        merged["rules"] = rules
    if phrases:
        merged["phrases"] = phrases
    return merged


class CheckService(ServiceBase):
    # -- settings --------------------------------------------------------------
    def _coach_file(self) -> dict[str, Any]:
        path = self.settings.coach_config_path
        if not path.exists():
            return {}
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise WarmlineError(f"{path}: cannot read the coach settings ({exc})") from exc
        config_from_yaml(text, str(path))  # validate with line numbers first
        data = yaml.safe_load(text)
        return dict(data) if isinstance(data, Mapping) else {}

    def coach_settings(self) -> dict[str, Any]:
        """The user's own coach settings stored in the book (rules, phrases)."""
        with self.book() as repo:
            return dict(repo.user_settings().get("coach") or {})

    def set_coach_settings(self, data: Mapping[str, Any]) -> CoachConfig:
        """Validate and store the user's coach settings (replacing the stored ones)."""
        config = config_from_mapping(data, source="coach settings")
        with self.book() as repo:
            settings = repo.user_settings()
            settings["coach"] = dict(data)
            repo.save_user_settings(settings)
        return config

    def coach_config(self) -> CoachConfig:
        """coach.yaml in WARMLINE_HOME, with the user's stored settings over it."""
        merged = _merge(self._coach_file(), self.coach_settings())
        return config_from_mapping(merged, source="coach settings") if merged else CoachConfig()

    # -- context ---------------------------------------------------------------
    def check_context(
        self,
        client: str | int | None = None,
        *,
        at: str | datetime | None = None,
        lang: str | None = None,
    ) -> CheckContext:
        """The context a draft to `client` is checked in, at send time `at` (default now).

        Without a client: the user's own zone and UI language, nothing else known.
        """
        now = self.when(at, field="--at") or self.now()
        draft_lang: Lang | None = as_lang(lang) if lang else None
        with self.book() as repo:
            profile = repo.profile()
            if client is None:
                return CheckContext(
                    now=now,
                    lang=draft_lang,
                    ui_lang=profile.ui_language,
                    client_zone=profile.timezone,
                    user_zone=profile.timezone,
                )
            c = repo.resolve_client(str(client))
            assert c.id is not None
            recent = [
                m for m in repo.messages(c.id, limit=200, newest_first=True) if m.sent_at <= now
            ]
            incoming = [m.text for m in recent if m.direction == "in"][:STYLE_SAMPLES]
            open_questions: list[str] = []
            for m in recent:  # newest first: the client's messages since our last reply
                if m.direction == "out":
                    break
                asked = m.questions or questions_in(m.text)  # the coach's reading, or the fallback
                open_questions[:0] = [q for q in asked if not is_ping(q)]
            thread = [m for m in recent if m.sent_at >= now - timedelta(days=THREAD_DAYS)]
            thread = thread[:THREAD_MAX]
            first = recent[-1].sent_at if recent else now
            notes = sorted(repo.notes(c.id, kind="personal"), key=lambda n: n.at, reverse=True)
            return CheckContext(
                now=now,
                lang=draft_lang,
                ui_lang=profile.ui_language,
                client_name=c.name,
                client_zone=c.timezone,
                user_zone=profile.timezone,
                style=learn_style(incoming) if incoming else None,
                open_questions=tuple(dict.fromkeys(open_questions)),
                notes=tuple(n.text for n in notes if n.at <= now),
                thread_length=len(thread),
                thread_has_human_moment=any(has_human_moment(m.text) for m in thread),
                established=len(recent) >= ESTABLISHED_MESSAGES
                and first <= now - timedelta(days=ESTABLISHED_DAYS),
            )

    def check_draft(
        self,
        text: str,
        client: str | int | None = None,
        *,
        at: str | datetime | None = None,
        lang: str | None = None,
    ) -> list[Finding]:
        """Check a draft to a client with everything the book knows about them."""
        if not text.strip():
            raise WarmlineError("draft: the draft is empty; give its text, a file, or - for stdin")
        ctx = self.check_context(client, at=at, lang=lang)
        return check(text, ctx, self.coach_config())

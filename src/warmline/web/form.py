"""Reading HTML form values into what the services take."""

from __future__ import annotations

import re
from collections.abc import Mapping

from warmline.core.client import CHANNEL_KINDS, Channels

_SPLIT = re.compile(r"[,，;；\n\r]+")


def split_list(value: str | None) -> list[str]:
    """'a, b，c\\nd' -> ['a', 'b', 'c', 'd'] (ASCII and full-width commas, lines)."""
    if not value:
        return []
    return [part.strip() for part in _SPLIT.split(value) if part.strip()]


def channel_fields(form: Mapping[str, str]) -> dict[str, list[str]]:
    """{'email': [...], ...} from the form fields channel_email, channel_wechat..."""
    return {kind: split_list(form.get(f"channel_{kind}", "")) for kind in CHANNEL_KINDS}


def channel_text(channels: Channels) -> dict[str, str]:
    """The channel fields' values for a form: one handle per line."""
    return {kind: "\n".join(getattr(channels, kind)) for kind in CHANNEL_KINDS}

"""Importers: exports of email, WhatsApp, WeChat, Slack, Telegram, CSV and pastes.

`read(path)` detects the format and yields `ImportedMessage`s one at a time;
each format module also offers `parse(stream)`. The registry is
`IMPORTERS` in registry.py.
"""

from warmline.ingest.record import ImportedMessage, SkipLog
from warmline.ingest.registry import IMPORTERS, Importer, Options, detect, read

__all__ = ["IMPORTERS", "ImportedMessage", "Importer", "Options", "SkipLog", "detect", "read"]

"""Slack workspace exports: folder and zip, markup, threads, DMs, bots."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, detect, read, slack

Golden = Callable[[str, Iterable[ImportedMessage]], None]


def test_it_reads_a_workspace_folder(fixtures: Path, golden: Golden) -> None:
    golden("slack-workspace", read(fixtures / "slack" / "workspace"))


def test_the_zip_of_a_workspace_reads_the_same_as_the_folder(
    fixtures: Path, tmp_path: Path
) -> None:
    archive = shutil.make_archive(str(tmp_path / "export"), "zip", fixtures / "slack" / "workspace")
    path = Path(archive)
    assert detect(path) == "slack"
    assert [m.as_json() for m in read(path)] == [
        m.as_json() for m in read(fixtures / "slack" / "workspace")
    ]


def test_mentions_links_and_entities_become_plain_text() -> None:
    users = {"U1": slack._User("Anna Lee", "U1", None)}
    text = "<@U1> see <https://x.org/a|the brief> in <#C1|general> &amp; <mailto:a@x.org|a@x.org>"
    assert (
        slack.render(text, users)
        == "@Anna Lee see the brief (https://x.org/a) in #general & a@x.org (mailto:a@x.org)"
    )


def test_a_broken_day_file_names_the_file_and_line(fixtures: Path) -> None:
    with pytest.raises(WarmlineError, match=r"broken-day\.json: line \d+ column \d+: invalid JSON"):
        list(read(fixtures / "slack" / "broken-day.json", "slack"))

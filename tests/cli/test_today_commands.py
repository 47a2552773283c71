"""`warmline today`, `agenda done|snooze` and `calendar export` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from warmline.cli.main import app
from warmline.services import Services

runner = CliRunner()
AT = "2026-11-23T10:00+08:00"  # Monday 10:00 in Shanghai


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def seed_book() -> None:
    svc = Services.open()
    svc.add_client("王建国", timezone="Asia/Shanghai", language="zh", city="杭州")
    svc.add_client("Anna Smith", timezone="America/New_York", language="en")
    svc.log_message("王", "in", "报价什么时候能发？", at="2026-11-23T08:30+08:00")
    svc.log_message("anna", "in", "Could you send the invoice?", at="2026-11-22T15:00-05:00")


def items(*extra: str) -> list[dict[str, object]]:
    code, out, err = run("today", "--at", AT, "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_today_json_lists_the_documented_fields() -> None:
    seed_book()
    data = items()
    assert [d["rank"] for d in data] == list(range(1, len(data) + 1))
    assert {d["client"]["name"] for d in data} == {"王建国", "Anna Smith"}  # type: ignore[index]
    for d in data:
        for key in (
            "id",
            "kind",
            "principle",
            "due",
            "urgency",
            "reason",
            "client_local_time",
            "send_at",
            "suggested_message",
        ):
            assert key in d
    anna = next(d for d in data if d["client"]["name"] == "Anna Smith")  # type: ignore[index]
    assert str(anna["suggested_message"]).startswith("Hi Anna,")
    assert str(anna["send_at"]).startswith("2026-11-23T14:00")  # 09:00 in New York


def test_today_can_focus_on_one_client_and_speak_either_language() -> None:
    seed_book()
    data = items("--client", "anna", "--lang", "zh")
    assert len(data) == 1
    assert "Anna Smith 的消息已等待" in str(data[0]["reason"])


def test_the_table_shows_reasons_drafts_and_explanations() -> None:
    seed_book()
    code, out, _ = run("today", "--at", AT, "--lang", "en", "--explain")
    assert code == 0
    assert "Today: 2 items" in out
    assert "王建国，您好！" in out
    assert "urgency" in out


def test_an_empty_agenda_says_so() -> None:
    code, out, _ = run("today", "--at", AT, "--lang", "en")
    assert code == 0 and "Nothing due" in out


def test_done_and_snooze_survive_restarts_and_hide_items() -> None:
    seed_book()
    first, second = (str(d["id"]) for d in items())
    assert run("agenda", "done", first, "--at", AT)[0] == 0
    code, out, err = run(
        "agenda", "snooze", second, "--until", "2026-11-23T15:00+08:00", "--at", AT
    )
    assert code == 0, err
    assert "Snoozed" in out
    assert items() == []
    later = runner.invoke(app, ["today", "--at", "2026-11-23T16:00+08:00", "--json"])
    assert [d["id"] for d in json.loads(later.stdout)] == [second]


def test_bad_input_is_one_line_and_exit_code_2() -> None:
    code, _, err = run("today", "--lang", "fr")
    assert code == 2 and "--lang" in err and err[-1] == "\n" and err.count("\n") == 1
    code, _, err = run("agenda", "done", "S3:client:1:msg:1")
    assert code == 2 and "not on the agenda" in err


def test_calendar_export_writes_an_ics_file(tmp_path: Path) -> None:
    seed_book()
    target = tmp_path / "agenda.ics"
    code, out, err = run("calendar", "export", str(target), "--at", AT)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VTODO") == 2 and "BEGIN:VALARM" in text
    assert "2 to-dos" in out

"""The book's commands through Typer's runner: output, JSON, and bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warmline.cli.main import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def clients_json() -> list[dict[str, object]]:
    code, out, _ = run("client", "list", "--json")
    assert code == 0
    return json.loads(out)


def test_client_add_list_show_edit_and_archive() -> None:
    assert (
        run(
            "client",
            "add",
            "Anna Smith",
            "--tz",
            "Europe/London",
            "--email",
            "anna@example.com",
            "--tag",
            "design",
        )[0]
        == 0
    )
    assert (
        run("client", "add", "王建国", "--tz", "Asia/Shanghai", "--lang", "zh", "--wechat", "wjg")[
            0
        ]
        == 0
    )
    listed = clients_json()
    assert [c["name"] for c in listed] == ["Anna Smith", "王建国"]
    code, out, _ = run("client", "show", "王")
    assert code == 0 and "Local time now" in out and "wechat: wjg" in out
    assert run("client", "edit", "anna", "--status", "dormant", "--city", "London")[0] == 0
    assert clients_json()[0]["status"] == "dormant"
    assert run("client", "archive", "anna")[0] == 0
    assert [c["name"] for c in clients_json()] == ["王建国"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("client", "add", "Bob", "--tz", "Mars/Base"), "time zone: unknown zone 'Mars/Base'"),
        (("client", "add", "Bob", "--lang", "fr"), "language: 'fr'"),
        (("client", "add", "Bob", "--email", "not-an-address"), "email: 'not-an-address'"),
        (("client", "show", "nobody"), "no client matches 'nobody'"),
        (("note", "add", "nobody", "hi"), "no client matches 'nobody'"),
        (
            ("log", "in", "Anna", "hello", "--at", "yesterdayish"),
            "--at: cannot read 'yesterdayish'",
        ),
        (
            ("promise", "add", "Anna", "quote", "--due", "2026-13-45"),
            "--due: cannot read '2026-13-45'",
        ),
        (("client", "show", "An"), "matches 2 clients"),
        (("import-book", "missing.json"), "missing.json: no such file"),
    ],
)
def test_bad_input_is_one_clear_line_exit_2_and_writes_nothing(
    args: tuple[str, ...], message: str
) -> None:
    run("client", "add", "Anna", "--tz", "Europe/London")
    run("client", "add", "Andrew", "--tz", "Europe/London")
    before = run("export")[1]
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert run("export")[1] == before


def test_log_promise_deliver_feedback_meet_and_testimonial() -> None:
    run("client", "add", "Anna", "--tz", "Europe/London")
    assert (
        run(
            "log", "in", "anna", "-", "--at", "2026-11-20T10:00", input="Any update on the logo?\n"
        )[0]
        == 0
    )
    assert run("log", "out", "anna", "Here it is", "--attach", "logo.pdf")[0] == 0
    assert run("promise", "add", "anna", "Send the quote", "--due", "tomorrow 15:00")[0] == 0
    code, out, _ = run("promise", "list", "--json")
    (promise,) = json.loads(out)
    assert promise["text"] == "Send the quote" and promise["status"] == "open"
    assert run("promise", "done", str(promise["id"]))[0] == 0
    assert json.loads(run("promise", "list", "--json")[1])[0]["status"] in {"kept", "kept_late"}
    code, _, err = run("promise", "done", str(promise["id"]))
    assert code == 2 and "already" in err
    assert run("deliver", "anna", "Logo v2", "--feedback-by", "+3d")[0] == 0
    (d,) = json.loads(run("feedback", "--json")[1])
    assert run("feedback", str(d["id"]))[0] == 0
    assert json.loads(run("feedback", "--json")[1]) == []
    code, out, _ = run(
        "meet", "add", "anna", "2026-11-24T15:00", "--minutes", "45", "--title", "Review"
    )
    assert code == 0 and "for them" in out and "for you" in out
    (mt,) = json.loads(run("meet", "list", "--json")[1])
    assert mt["timezone"] == "Europe/London" and mt["duration_minutes"] == 45
    assert run("meet", "started", str(mt["id"]), "--at", "2026-11-24T15:03")[0] == 0
    assert (
        run("testimonial", "add", "anna", "Fast and clear.", "--permission", "--tag", "logo")[0]
        == 0
    )
    (t,) = json.loads(run("testimonial", "list", "--json")[1])
    assert t["permission"] is True and t["tags"] == ["logo"]


def test_me_set_and_show() -> None:
    assert (
        run(
            "me",
            "set",
            "--name",
            "林晓",
            "--tz",
            "Asia/Shanghai",
            "--work-days",
            "mon-sat",
            "--email",
            "lin@studio.cn",
            "--lang",
            "zh",
        )[0]
        == 0
    )
    me = json.loads(run("me", "show", "--json")[1])
    assert (
        me["name"] == "林晓"
        and me["work_days"] == [0, 1, 2, 3, 4, 5]
        and me["identities"]["email"] == ["lin@studio.cn"]
    )
    code, _, err = run("me", "set", "--work-start", "19:00", "--work-end", "09:00")
    assert code == 2 and "work hours" in err


def test_projects_add_list_edit_done() -> None:
    run("client", "add", "Anna", "--tz", "Europe/London")
    assert (
        run("project", "add", "anna", "Logo refresh", "--due", "2026-12-15", "--cadence", "3")[0]
        == 0
    )
    (p,) = json.loads(run("project", "list", "--json")[1])
    assert p["cadence_days"] == 3.0
    assert run("project", "edit", "logo", "--due", "2026-12-20")[0] == 0
    assert run("project", "done", "logo")[0] == 0
    (p,) = json.loads(run("project", "list", "--json")[1])
    assert p["status"] == "done" and p["completed_at"] is not None


def test_export_to_a_file_then_import_book_into_another_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("client", "add", "Anna", "--tz", "Europe/London")
    run("log", "in", "anna", "hello 👋")
    out = tmp_path / "book.json"
    assert run("export", str(out))[0] == 0
    monkeypatch.setenv("WARMLINE_HOME", str(tmp_path / "other"))
    assert run("import-book", str(out))[0] == 0
    assert run("export")[1] == out.read_text(encoding="utf-8")


def test_every_command_has_help_with_an_example() -> None:
    import typer.main

    root = typer.main.get_command(app)
    commands = root.commands  # type: ignore[attr-defined]
    assert len(commands) >= 12
    missing = []
    for name, cmd in commands.items():
        subs = cmd.commands.items() if hasattr(cmd, "commands") else [(None, cmd)]
        for sub, leaf in subs:
            if "Example:" not in (leaf.help or ""):
                missing.append(f"{name} {sub or ''}".strip())
    assert missing == []

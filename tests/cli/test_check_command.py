"""`warmline check`: compiler-style text, the JSON schema, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from warmline.cli.check import render
from warmline.cli.main import app
from warmline.coach import Finding

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_a_clean_draft_exits_zero() -> None:
    code, out, _ = run("check", input="好的，明天 18:00 前发您终稿。祝您周末愉快！")
    assert code == 0
    assert out.strip() == "<stdin>: no findings"


def test_a_vague_draft_exits_one_with_a_located_finding() -> None:
    code, out, _ = run("check", "-", input="收到。\n方案周末发您")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("<stdin>:2:3: warning core.vague-time [C1] ")
    assert "    ^~~~" in out  # 周末 is two wide characters after 方案 (also two)
    assert "suggestion: " in out


def test_json_output_follows_the_documented_schema() -> None:
    assert run("client", "add", "Anna Smith", "--tz", "Europe/London")[0] == 0
    code, out, _ = run(
        "check",
        "--to",
        "anna",
        "--at",
        "2026-11-25T09:30+00:00",
        "--format",
        "json",
        input="Our developer messed up, I'll fix it later",
    )
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [f["rule"] for f in findings] == ["core.blame", "core.vague-time"]
    for f in findings:
        assert list(f) == [
            "rule",
            "principle",
            "level",
            "start",
            "end",
            "match",
            "message",
            "suggestion",
        ]
    assert findings[1]["suggestion"] == "Wed 25 Nov, 12:00 (London time)"


def test_suggestions_alone_do_not_fail_the_check(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("We made a few changes, see attached.", "utf-8")
    code, out, _ = run("check", str(draft))
    assert code == 0
    assert out.startswith(f"{draft}:1:9: suggestion core.vague-quantity [C1]")


def test_a_missing_file_is_a_one_line_error() -> None:
    code, _, err = run("check", "no-such-draft.txt")
    assert code == 2
    assert err.startswith("error: no-such-draft.txt: no such file")


def test_an_unknown_format_is_refused() -> None:
    code, _, err = run("check", "--format", "xml", input="hi")
    assert code == 2
    assert "--format" in err


def test_an_unknown_client_is_refused() -> None:
    code, _, err = run("check", "--to", "nobody", input="hi")
    assert code == 2
    assert err.startswith("error:")


def test_the_rules_can_be_listed() -> None:
    code, out, _ = run("check", "--rules")
    assert code == 0
    assert "core.vague-time" in out and "C1" in out


def test_an_empty_span_finding_is_reported_without_underline() -> None:
    finding = Finding(
        "core.human-moment",
        "R3",
        "suggestion",
        0,
        0,
        "",
        "Add a human touch.",
        "Hope your week is going well!",
    )
    assert render("d.txt", "Invoice attached.", [finding]).splitlines() == [
        "d.txt:1:1: suggestion core.human-moment [R3] Add a human touch.",
        "  suggestion: Hope your week is going well!",
        "d.txt: 1 suggestion",
    ]

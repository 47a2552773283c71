"""`warmline read`: the reading for a person, the JSON for scripts."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from warmline.cli.main import app

runner = CliRunner()

ANGRY = "你们到底有没有看需求？我要的是蓝色的首页，交上来的还是绿色，已经第三次了！！！"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_an_angry_message_prints_the_plan_and_a_reply() -> None:
    assert run("client", "add", "王建国", "--tz", "Asia/Shanghai", "--lang", "zh")[0] == 0
    code, out, _ = run("read", "--from", "王", input=ANGRY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(("Emotion: anger", "情绪: 生气"))
    assert sum(1 for line in lines if line.strip()[:2] in {"1.", "2.", "3.", "4.", "5.", "6."}) == 6
    assert "王建国，非常抱歉" in out


def test_json_output_has_the_documented_keys() -> None:
    code, out, _ = run("read", "--format", "json", input="Any update? I'll send the logo tomorrow.")
    assert code == 0
    data = json.loads(out)
    assert data["emotion"]["label"] in {"anger", "anxiety", "satisfaction", "neutral"}
    assert 0 <= data["emotion"]["score"] <= 1
    assert data["status_request"] is True
    assert data["questions"] == ["Any update?"]
    assert [p["text"] for p in data["client_promises"]] == ["I'll send the logo tomorrow."]
    assert data["plan"] is None


def test_a_file_is_read_from_its_path(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "msg.txt"
    path.write_text("Could you make it pop? Something more modern.", encoding="utf-8")
    code, out, _ = run("read", str(path), "--format", "json")
    assert code == 0
    assert [a["text"] for a in json.loads(out)["ambiguities"]] == ["make it pop"]


def test_bad_input_is_one_line_and_exit_two() -> None:
    code, _, err = run("read", "--format", "xml", input="hi")
    assert code == 2
    assert err.strip() == "error: --format: 'xml' is unknown; use text or json"
    code, _, err = run("read", input="   ")
    assert code == 2
    assert "empty" in err

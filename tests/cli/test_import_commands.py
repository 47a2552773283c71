"""`warmline import` and `warmline unassigned` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from warmline.cli.main import app

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_import_prints_a_summary_with_unknown_senders_and_how_to_map_them() -> None:
    assert run("me", "set", "--name", "Lin Mei")[0] == 0
    assert run("client", "add", "Anna Lee", "--tz", "America/New_York")[0] == 0
    path = FIXTURES / "whatsapp" / "WhatsApp Chat with Anna Lee.txt"
    code, out, err = run("import", str(path), "--zone", "America/New_York")
    assert code == 0, err
    assert "9 new" in out
    assert "+14155550134" in out
    assert "line 17: Hi, this is Anna's colleague Sam" in out
    assert "warmline unassigned map HANDLE CLIENT" in out


def test_a_second_import_reports_duplicates_only() -> None:
    path = str(FIXTURES / "email" / "mixed.mbox")
    assert run("import", path)[0] == 0
    code, out, _ = run("import", path, "--json")
    assert code == 0
    (report,) = json.loads(out)
    assert (report["new"], report["duplicate"]) == (0, 6)


def test_a_dry_run_stores_nothing() -> None:
    code, out, _ = run("import", str(FIXTURES / "email" / "mixed.mbox"), "--dry-run")
    assert code == 0 and "dry run" in out
    assert run("unassigned", "list", "--json")[1].strip() == "[]"


def test_a_corrupt_file_fails_with_exit_2_and_the_other_files_still_import() -> None:
    code, out, err = run(
        "import",
        str(FIXTURES / "telegram" / "truncated.json"),
        str(FIXTURES / "email" / "thumbs-up.eml"),
    )
    assert code == 2
    assert "truncated.json: line" in err
    assert "1 new" in out


def test_unassigned_list_and_map_attach_messages_to_a_new_client() -> None:
    run(
        "import",
        str(FIXTURES / "whatsapp" / "de_dotted.txt"),
        "--zone",
        "Europe/Berlin",
        "--me",
        "Lin Mei",
    )
    code, out, _ = run("unassigned", "list")
    assert code == 0 and out.startswith("Jonas Weber  3")
    run("client", "add", "Jonas Weber", "--tz", "Europe/Berlin")
    code, out, _ = run("unassigned", "map", "Jonas Weber", "Jonas")
    assert code == 0 and "Attached 3 message(s)" in out
    assert run("unassigned", "list")[1] == ""


def test_a_paste_from_stdin_with_a_client() -> None:
    run("client", "add", "王总", "--tz", "Asia/Shanghai")
    code, out, err = run(
        "import", "-", "--client", "王总", input="王总，方案已发您邮箱，请查收。\n"
    )
    assert code == 0, err
    assert "1 new" in out


def test_an_unknown_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n", encoding="utf-8")
    code, _, err = run("import", str(path))
    assert code == 2
    assert err.startswith("error: ") and "cannot tell the export format" in err

"""Live coaching in the compose box: findings marked in the draft with their principle
and suggestion, one-click replacements where the suggestion is the exact words."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from tests.web.conftest import HTMX, Cast
from warmline.services import Services
from warmline.web.routes.coach import segments
from warmline.web.schema import FindingOut


def finding(start: int, end: int, text: str) -> FindingOut:
    return FindingOut(
        rule="core.x",
        principle="C1",
        level="warning",
        start=start,
        end=end,
        match=text[start:end],
        message="m",
        suggestion="s",
        replaceable=False,
    )


def test_a_vague_time_is_marked_with_its_exact_replacement(web: TestClient, cast: Cast) -> None:
    draft = "王总，白样我们下周给您重新寄过去。"
    r = web.post("/coach/check", data={"text": draft, "client_id": cast.wang}, headers=HTMX)
    assert r.status_code == 200 and "<html" not in r.text
    assert re.search(
        r'<mark id="finding-\d+-mark" class="level-warning" aria-describedby="finding-\d+">下周</mark>',
        r.text,
    )
    button = re.search(r"<button[^>]*data-apply[^>]*>", r.text, re.S)
    assert button, r.text
    tag = button.group(0)
    assert 'data-start="7"' in tag and 'data-end="9"' in tag and 'data-match="下周"' in tag
    replacement = re.search(r'data-replacement="([^"]+)"', tag).group(1)  # type: ignore[union-attr]
    # Monday 23 November 2026 in Shanghai: "next week" is Monday 30 November, in their zone.
    assert replacement.startswith("周一（11月30日）") and "北京时间" in replacement
    assert ">C1</span>" in r.text


def test_the_api_says_which_suggestions_replace_the_words(web: TestClient, cast: Cast) -> None:
    r = web.post(
        "/api/coach/check",
        json={
            "text": "Hi Anna, we'll send it soon. I don't know the price yet.",
            "client_id": cast.anna,
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert body["language"] == "en"
    by_rule = {f["rule"]: f for f in body["findings"]}
    assert by_rule["core.vague-time"]["replaceable"] is True
    assert by_rule["core.vague-time"]["suggestion"].endswith("(London time)")
    assert by_rule["core.evasive-answer"]["replaceable"] is False
    for f in body["findings"]:
        assert body["text"][f["start"] : f["end"]] == f["match"]


def test_the_clients_open_question_is_checked_against_the_draft(
    web: TestClient, book: Services, cast: Cast
) -> None:
    """李娜 asked when the quote comes; a draft that ignores it is flagged (T4)."""
    book.log_message(cast.li, "in", "报价什么时候能发给我？")
    r = web.post("/api/coach/check", json={"text": "好的，设计稿已经发您了", "client_id": cast.li})
    assert "core.unanswered-question" in {f["rule"] for f in r.json()["findings"]}
    answered = web.post(
        "/api/coach/check",
        json={"text": "李总，报价周三（11月25日）18:00 前发您。", "client_id": cast.li},
    )
    assert "core.unanswered-question" not in {f["rule"] for f in answered.json()["findings"]}


def test_a_new_message_through_the_app_is_seen_by_the_next_check(
    web: TestClient, cast: Cast
) -> None:
    draft = {"text": "Hi Anna, all good here.", "client_id": cast.anna}
    before = {f["rule"] for f in web.post("/api/coach/check", json=draft).json()["findings"]}
    assert "core.unanswered-question" not in before
    web.post(
        f"/api/clients/{cast.anna}/messages",
        json={"direction": "in", "text": "How much will the brochure cost?"},
    )
    after = {f["rule"] for f in web.post("/api/coach/check", json=draft).json()["findings"]}
    assert "core.unanswered-question" in after


def test_an_empty_draft_shows_the_hint_and_a_clean_one_says_so(web: TestClient, cast: Cast) -> None:
    idle = web.post("/coach/check", data={"text": "  ", "client_id": cast.anna}, headers=HTMX)
    assert "Start typing" in idle.text
    clean = web.post(
        "/coach/check",
        data={
            "text": "Thanks Anna! Friday 27 Nov at 15:00 your time works.",
            "client_id": cast.anna,
        },
        headers=HTMX,
    )
    assert "Nothing to fix." in clean.text


def test_the_draft_is_shown_as_text_in_the_marked_preview(web: TestClient, cast: Cast) -> None:
    draft = "<script>alert(1)</script> we'll send it soon"
    r = web.post("/coach/check", data={"text": draft, "client_id": cast.anna}, headers=HTMX)
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; we&#39;ll send it <mark" in r.text


def test_checking_for_a_client_that_does_not_exist_is_a_404(web: TestClient) -> None:
    r = web.post("/api/coach/check", json={"text": "soon", "client_id": 999})
    assert r.status_code == 404 and "no client with ID 999" in r.json()["detail"]


@given(
    st.text(min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_segments_cover_the_draft_once_and_mark_each_kept_span(
    text: str, spans: list[tuple[int, int]]
) -> None:
    findings = [finding(a, b, text) for a, b in spans if a < b <= len(text)]
    pieces = segments(text, findings)
    assert "".join(p for p, _ in pieces) == text
    for piece, index in pieces:
        if index is not None:
            f = findings[index]
            assert piece == text[f.start : f.end]


def test_a_first_check_a_long_draft_and_a_kept_context_give_the_same_findings(
    web: TestClient, cast: Cast
) -> None:
    """The first check reads the book (in a worker thread), later ones use the kept
    context on the event loop, a very long draft goes to a worker again: same coach."""
    draft = "王总，白样我们下周给您重新寄过去。"
    long_draft = draft + "谢谢。" * 1000

    def quoted(text: str) -> list[str]:
        r = web.post("/coach/check", data={"text": text, "client_id": cast.wang}, headers=HTMX)
        assert r.status_code == 200
        return re.findall(r"<q>([^<]*)</q>", r.text)

    first, again, long = quoted(draft), quoted(draft), quoted(long_draft)
    assert first == again == ["下周"]
    assert "下周" in long


def test_checking_for_a_client_that_does_not_exist_is_a_404_every_time(web: TestClient) -> None:
    for _ in range(2):
        r = web.post("/api/coach/check", json={"text": "下周发您", "client_id": 999_999})
        assert r.status_code == 404

"""Read: a pasted client message read for emotion, questions, ambiguity and promises;
an angry one gets the response plan and a drafted reply."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import HTMX, Cast
from warmline.services import Services

ANGRY = "三天了还没有消息！这么基本的要求都搞错了，我很失望。到底什么时候能改好？"


def test_an_angry_message_gets_the_plan_and_a_drafted_reply(web: TestClient, cast: Cast) -> None:
    r = web.post("/read", data={"text": ANGRY, "client_id": str(cast.wang)}, headers=HTMX)
    assert r.status_code == 200 and "<html" not in r.text
    assert 'class="tag emotion-anger"' in r.text and "Angry" in r.text
    assert "Response plan" in r.text and 'id="read-reply"' in r.text
    assert "到底什么时候能改好？" in r.text  # their question (T4)
    assert f'name="client_id" value="{cast.wang}"' in r.text  # log it as received
    link = re.search(r'href="(/clients/\d+\?draft=[^"#]+)#compose-title"', r.text)
    assert link  # the drafted reply opens in the client's compose box
    page = web.get(link.group(1).replace("&amp;", "&")).text
    assert re.search(r'<textarea id="draft"[^>]*>[^<]*我会在', page)


def test_the_api_reading_has_the_documented_shape(web: TestClient, cast: Cast) -> None:
    body = web.post("/api/read", json={"text": ANGRY, "client_id": cast.wang}).json()
    assert body["emotion"] == "anger" and 0 < body["emotion_score"] <= 1
    assert len(body["plan"]) == 6 and body["reply"] and body["next_update"]
    assert {s["principle"] for s in body["plan"]} >= {"C4", "C3"}
    calm = web.post(
        "/api/read", json={"text": "Thanks, I'll send the logo files tomorrow at 3pm."}
    ).json()
    assert calm["emotion"] != "anger" and calm["plan"] == [] and calm["reply"] is None
    assert calm["promises"] and calm["promises"][0]["due"]


def test_a_read_message_can_be_logged_as_received(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post("/read/log", data={"text": ANGRY, "client_id": str(cast.wang)}, headers=HTMX)
    assert r.status_code == 200 and "Logged." in r.text
    last = book.messages(cast.wang)[-1]
    assert (last.direction, last.text) == ("in", ANGRY)


def test_the_message_renders_as_text(web: TestClient, cast: Cast) -> None:
    r = web.post("/read", data={"text": "<script>alert(1)</script> 到底什么时候？"}, headers=HTMX)
    assert "<script>alert(1)</script>" not in r.text


def test_an_empty_message_is_a_clear_error(web: TestClient) -> None:
    r = web.post("/api/read", json={"text": "   "})
    assert r.status_code == 400 and "the message is empty" in r.json()["detail"]


def test_the_plan_speaks_the_users_language_and_the_reply_the_clients(
    web: TestClient, cast: Cast
) -> None:
    english = web.post("/api/read", json={"text": ANGRY, "client_id": cast.wang}).json()
    assert english["plan"][0]["text"].isascii()
    web.patch("/api/profile", json={"ui_language": "zh"})
    chinese = web.post("/api/read", json={"text": ANGRY, "client_id": cast.wang}).json()
    assert not chinese["plan"][0]["text"].isascii()
    assert not english["reply"].isascii()  # the reply is in the client's language

"""The client list (search, filters, sorting; page and HTMX fragment) and add/edit."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import HTMX, Cast
from warmline.services import Services


def names(html: str) -> list[str]:
    """Client names in list order (each row's name links to the client's page)."""
    return re.findall(r'<th scope="row"><a href="/clients/\d+">([^<]+)</a>', html)


def test_the_list_shows_each_client_with_local_time_and_who_is_waiting(
    web: TestClient, cast: Cast
) -> None:
    html = web.get("/clients").text
    assert names(html) == ["Anna Smith", "李娜", "王建国"]
    assert "<!doctype html>" in html and 'aria-current="page"' in html
    # Monday 10:00 in Shanghai is 02:00 in London.
    assert "02:00 <span" in html and "London time" in html
    assert "waiting 5 h" in html  # 王建国 asked five hours ago
    assert "7 days ago" in html  # Anna's last message
    assert "never" in html  # 李娜 has no messages yet


def test_an_htmx_search_returns_only_the_rows(web: TestClient, cast: Cast) -> None:
    r = web.get("/clients", params={"q": "bloom"}, headers=HTMX)
    assert r.text.lstrip().startswith('<section id="client-list"')
    assert "<html" not in r.text
    assert names(r.text) == ["Anna Smith"]


def test_search_matches_company_city_tag_and_handle(
    web: TestClient, book: Services, cast: Cast
) -> None:
    book.edit_client(cast.li, channels={"wechat": ["lina_sh"]})
    for query, expected in [
        ("星河", ["王建国"]),
        ("上海", ["王建国"]),
        ("vip", ["王建国"]),
        ("LINA_SH", ["李娜"]),
        ("nobody", []),
    ]:
        assert names(web.get("/clients", params={"q": query}, headers=HTMX).text) == expected


def test_filters_by_status_and_tag(web: TestClient, cast: Cast) -> None:
    assert names(web.get("/clients", params={"status": "lead"}).text) == ["李娜"]
    assert names(web.get("/clients", params={"tag": "uk"}).text) == ["Anna Smith"]
    assert "No client matches." in web.get("/clients", params={"tag": "none-such"}).text


def test_sorts_by_longest_wait_and_longest_silence(web: TestClient, cast: Cast) -> None:
    assert names(web.get("/clients", params={"sort": "waiting"}).text)[0] == "王建国"
    # Never contacted first, then the longest silence.
    assert names(web.get("/clients", params={"sort": "contact"}).text) == [
        "李娜",
        "Anna Smith",
        "王建国",
    ]


def test_an_unknown_sort_is_a_clear_error(web: TestClient, cast: Cast) -> None:
    r = web.get("/clients", params={"sort": "shoe-size"})
    assert r.status_code == 400 and "sort: &#39;shoe-size&#39; is unknown" in r.text


def test_adding_a_client_through_the_form_opens_their_page(web: TestClient, book: Services) -> None:
    form = web.get("/clients/new").text
    assert 'name="channel_wechat"' in form
    assert 'name="timezone" type="text" value="Asia/Shanghai"' in form  # my zone by default
    r = web.post(
        "/clients",
        data={
            "name": "Tom Baker",
            "timezone": "America/New_York",
            "language": "en",
            "company": "Baker & Sons",
            "status": "lead",
            "tags": "retail，usa, retail",
            "channel_email": "tom@baker.example\ntom.b@baker.example",
            "channel_phone": "+1 212 555 0100",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    (tom,) = book.clients()
    assert r.headers["location"] == f"/clients/{tom.id}"
    assert tom.timezone == "America/New_York" and tom.status == "lead"
    assert tom.tags == ("retail", "usa")
    assert tom.channels.email == ("tom@baker.example", "tom.b@baker.example")
    assert "Baker &amp; Sons" in web.get(r.headers["location"]).text


def test_a_bad_form_comes_back_filled_in_with_one_clear_line(
    web: TestClient, book: Services
) -> None:
    r = web.post(
        "/clients",
        data={"name": "Tom", "timezone": "Mars/Olympus", "channel_email": "not-an-address"},
    )
    assert r.status_code == 400
    assert "email: &#39;not-an-address&#39; is not an email address" in r.text
    assert 'value="Tom"' in r.text and 'value="Mars/Olympus"' in r.text
    assert "not-an-address</textarea>" in r.text
    r = web.post("/clients", data={"name": "Tom", "timezone": "Mars/Olympus"})
    assert "time zone: unknown zone &#39;Mars/Olympus&#39;" in r.text
    assert book.clients() == []


def test_editing_a_client_changes_only_what_the_form_says(
    web: TestClient, book: Services, cast: Cast
) -> None:
    form = web.get(f"/clients/{cast.anna}/edit").text
    assert 'value="Anna Smith"' in form and 'value="Europe/London"' in form
    r = web.post(
        f"/clients/{cast.anna}/edit",
        data={
            "name": "Anna Smith-Jones",
            "timezone": "Europe/London",
            "language": "en",
            "company": "Bloom Ltd",
            "status": "dormant",
            "tags": "uk, design",
            "channel_email": "anna@bloom.example",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    anna = book.client(cast.anna)
    assert (anna.name, anna.status, anna.tags) == ("Anna Smith-Jones", "dormant", ("uk", "design"))
    assert anna.channels.email == ("anna@bloom.example",)


def test_editing_with_a_bad_value_keeps_the_client_as_it_was(
    web: TestClient, book: Services, cast: Cast
) -> None:
    before = book.client(cast.anna)
    r = web.post(
        f"/clients/{cast.anna}/edit",
        data={"name": "", "timezone": "Europe/London", "language": "en", "status": "active"},
    )
    assert r.status_code == 400 and "name: a client needs a name" in r.text
    assert book.client(cast.anna) == before


def test_the_api_lists_creates_and_edits_clients(web: TestClient, cast: Cast) -> None:
    listed = web.get("/api/clients", params={"sort": "waiting"}).json()
    assert listed[0]["name"] == "王建国" and listed[0]["waiting_since"] is not None
    assert listed[0]["channels"]["wechat"] == []
    created = web.post(
        "/api/clients",
        json={"name": "Maria", "timezone": "Europe/Madrid", "channels": {"email": ["m@x.es"]}},
    )
    assert created.status_code == 201
    body = created.json()
    assert body["channels"]["email"] == ["m@x.es"] and body["language"] == "en"
    edited = web.patch(f"/api/clients/{body['id']}", json={"status": "lead", "tags": ["es"]})
    assert edited.json()["status"] == "lead" and edited.json()["tags"] == ["es"]
    assert web.patch(f"/api/clients/{body['id']}", json={"shoe": 42}).status_code == 422
    bad = web.post("/api/clients", json={"name": "Bob", "channels": {"email": ["nope"]}})
    assert bad.status_code == 400 and bad.json() == {
        "detail": "email: 'nope' is not an email address"
    }


def test_a_long_list_shows_the_first_page_and_offers_more(
    web: TestClient, book: Services, cast: Cast
) -> None:
    for i in range(3):
        book.add_client(f"Zed {i}")
    page = web.get("/clients", params={"limit": 4, "q": ""}).text
    assert len(names(page)) == 4 and "6 clients" in page
    assert "Show more (2 more)" in page and "limit=20" in page

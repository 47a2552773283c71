"""The roster: search, filters, and the last contact each way from one grouped query."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW
from warmline.core.error import WarmlineError
from warmline.services import Services


def test_last_contact_and_waiting_come_from_the_newest_message_each_way(svc: Services) -> None:
    ming = svc.add_client("周明", timezone="Asia/Shanghai", language="zh")
    kate = svc.add_client("Kate Lin", timezone="Asia/Singapore", channels=None)
    svc.add_client("Olga", timezone="Europe/Moscow")
    svc.log_message(ming.id, "out", "方案发您了", at=NOW - timedelta(days=3))
    svc.log_message(ming.id, "in", "好的，我看看", at=NOW - timedelta(days=2))
    svc.log_message(ming.id, "in", "有个问题？", at=NOW - timedelta(hours=2))
    svc.log_message(kate.id, "in", "Any news?", at=NOW - timedelta(days=5))
    svc.log_message(kate.id, "out", "Yes, Friday 15:00.", at=NOW - timedelta(days=4))
    by_name = {e.client.name: e for e in svc.roster()}
    assert by_name["周明"].last_in == NOW - timedelta(hours=2)
    assert by_name["周明"].last_out == NOW - timedelta(days=3)
    assert by_name["周明"].waiting_since == NOW - timedelta(hours=2)
    assert by_name["Kate Lin"].waiting_since is None
    assert by_name["Kate Lin"].last_contact == NOW - timedelta(days=4)
    assert by_name["Olga"].last_contact is None
    assert [e.client.name for e in svc.roster(sort="waiting")] == ["周明", "Kate Lin", "Olga"]
    assert [e.client.name for e in svc.roster(sort="contact")] == ["Olga", "Kate Lin", "周明"]


def test_roster_filters_and_searches(svc: Services) -> None:
    svc.add_client("Ann Lee", company="Papaya", tags=["food"], status="lead")
    svc.add_client("Bo Chen", city="Shenzhen", tags=["hardware"])
    assert [e.client.name for e in svc.roster(query="papa")] == ["Ann Lee"]
    assert [e.client.name for e in svc.roster(query="SHEN")] == ["Bo Chen"]
    assert [e.client.name for e in svc.roster(status="lead")] == ["Ann Lee"]
    assert [e.client.name for e in svc.roster(tag="hardware")] == ["Bo Chen"]
    assert svc.tags() == ["food", "hardware"]
    with pytest.raises(WarmlineError, match="sort: 'size' is unknown"):
        svc.roster(sort="size")

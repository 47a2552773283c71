from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from warmline.coach import CheckContext

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def wednesday_in_beijing() -> CheckContext:
    """Wang Fang's draft to 陈经理 in Beijing, sent Wednesday 25 Nov 2026 at 10:00."""
    return CheckContext(
        now=datetime(2026, 11, 25, 10, 0, tzinfo=BEIJING),
        client_name="陈经理",
        client_zone="Asia/Shanghai",
        user_zone="Asia/Shanghai",
    )

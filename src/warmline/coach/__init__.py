"""The coach (pure): check drafts to clients against the method's principles.

from warmline.coach import check, CheckContext
check("周末发您", CheckContext(now=now, client_zone="Asia/Shanghai"))
"""

from warmline.coach.config import CoachConfig, RuleSetting, config_from_mapping, config_from_yaml
from warmline.coach.context import CheckContext
from warmline.coach.engine import check, compile_rules
from warmline.coach.finding import LEVELS, Finding, Level
from warmline.coach.rule import Rule, load_rules
from warmline.coach.style import StyleProfile, learn_style

__all__ = [
    "LEVELS",
    "CheckContext",
    "CoachConfig",
    "Finding",
    "Level",
    "Rule",
    "RuleSetting",
    "StyleProfile",
    "check",
    "compile_rules",
    "config_from_mapping",
    "config_from_yaml",
    "learn_style",
    "load_rules",
]

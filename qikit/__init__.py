"""qikit: the kit that runs a Quality Improvement programme for support-services staff.

The public API is what ``__all__`` lists. Importing qikit loads only the pure core (numpy and
pandas); plotting and widgets are imported from their own subpackages when needed.
"""

from __future__ import annotations

from qikit._version import __version__
from qikit.core.spc.chart_choice import ChartSuggestion, DataKind, suggest_chart
from qikit.core.spc.qic import QicResult, qic
from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.errors import DataError, QikitError

__all__ = [
    "ChartSuggestion",
    "DataError",
    "DataKind",
    "QicResult",
    "QikitError",
    "Rule",
    "RuleSet",
    "Signal",
    "__version__",
    "qic",
    "suggest_chart",
]

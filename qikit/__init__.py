"""qikit: the kit that runs a Quality Improvement programme for support-services staff.

The public API is what ``__all__`` lists. Importing qikit loads almost nothing: ``qic`` and
``QicResult`` (and with them numpy and pandas) are loaded on first use, so a page that draws no
chart (the team page as it opens) never pays for pandas. Plotting and widgets are imported from
their own subpackages when needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qikit._version import __version__
from qikit.core.spc.chart_choice import ChartSuggestion, DataKind, suggest_chart
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
    "TeachingDataSet",
    "__version__",
    "load_teaching_data",
    "qic",
    "suggest_chart",
    "teaching_data_names",
]

if TYPE_CHECKING:
    from qikit.core.spc.qic import QicResult, qic
    from qikit.core.teaching_data import TeachingDataSet, load_teaching_data, teaching_data_names

#: The names loaded on first use (``qikit.qic``): the module that holds each.
_LAZY = {
    "qic": "qikit.core.spc.qic",
    "QicResult": "qikit.core.spc.qic",
    "TeachingDataSet": "qikit.core.teaching_data",
    "load_teaching_data": "qikit.core.teaching_data",
    "teaching_data_names": "qikit.core.teaching_data",
}


def __getattr__(name: str) -> Any:
    """Return ``qic``, ``QicResult`` or the teaching data, importing pandas on first use."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'qikit' has no attribute {name!r}")

"""Rule sets that read a chart, one module each, in one registry: Anhøj, IHI and Making Data Count.

A rule set takes a chart's columns and its checked options and returns a
:class:`~qikit.core.spc.rules.base.Reading` (the signals, and any columns it sets); it never sees
``qic`` or its result. Each module registers itself (``rules.base.register``); this package imports
them, so :data:`RULE_SETS` holds them all and :func:`rule_set_named` finds one by name.

- ``anhoej`` — unusually long run or unusually few crossings (Anhøj & Olesen 2014), plus points
  outside the 3-sigma limits on control charts. The default, as in qicharts2; also registered as
  ``bestbox`` and ``cutbox`` (qicharts2's experimental runs limits).
- ``ihi`` — Provost & Murray (2011) / Perla et al. (2011): a shift of 6 or more points on one
  side of the median, a trend of 5 or more points going up or down, too few or too many runs
  (the published run table), and astronomical points (beyond the limits; on a run chart, beyond
  the limits an individuals chart would draw).
- ``mdc`` — NHS England, *Making Data Count* (2019): a point beyond a limit, 7 (or 6) points in a
  row on one side of the mean, 7 (or 6) points in a row going up or down, and 2 of 3 points in a
  row beyond 2 sigma on the same side. The module also holds ``mdc_analysis``, the XmR reading
  identical to NHSRplotthedots, which shares these rules.

May import: the standard library, numpy, the rest of ``qikit.core.spc`` below ``qic`` (options,
signals, limits, runs, the IHI table) and ``qikit.core.wording``; ``qikit.errors``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from qikit.core.spc.options import check_choice
from qikit.core.spc.rules import anhoej, ihi, mdc
from qikit.core.spc.rules.base import REGISTRY, Reading, RuleSetEntry
from qikit.core.spc.rules.ihi import shifts, trends

#: Every rule set by name (``qic(method=...)``), in the order the modules registered them.
RULE_SETS: Mapping[str, RuleSetEntry] = MappingProxyType(REGISTRY)


def rule_set_named(name: object) -> RuleSetEntry:
    """Return the registered rule set called ``name``, or raise DataError naming the known ones."""
    return RULE_SETS[check_choice(name, tuple(RULE_SETS), "method", "a rule set")]


__all__ = [
    "RULE_SETS",
    "Reading",
    "RuleSetEntry",
    "anhoej",
    "ihi",
    "mdc",
    "rule_set_named",
    "shifts",
    "trends",
]

"""Measures (what is counted or timed, and how) and their data points.

Imports the standard library, :mod:`qikit.core.spc.chart_choice` (the kind of data and the chart
that suits it), :mod:`qikit.core.spc.signals` (the names of the rule sets that read a chart) and
the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import ClassVar

from qikit.core.model.fields import MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.model.record import Record, RecordKind
from qikit.core.spc.chart_choice import ChartSuggestion, DataKind, suggest_chart
from qikit.core.spc.signals import RuleSet


class MeasureType(StrEnum):
    """Outcome, process or balancing measure (the family of measures). Stored."""

    OUTCOME = "outcome"
    PROCESS = "process"
    BALANCING = "balancing"


class Improvement(StrEnum):
    """Which direction is better for a measure (as ``qic(improvement=...)``). Stored."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


class Measure(Record, kind=RecordKind.MEASURE):
    """A measure: what is counted or timed, exactly how, and which direction is better.

    ``rule_set`` is how the team reads its chart: the values of :class:`RuleSet` are the names
    of the rule sets in ``qikit.core.spc.rules`` (``qic(method=...)``), stored as they are.
    Records saved before the field existed read with the default, the Anhøj run chart rules.
    """

    #: The charts a team can pick: "auto" lets qikit choose (a run chart until 12 points).
    CHART_CHOICES: ClassVar[tuple[str, ...]] = (
        "auto", "run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g",
    )  # fmt: skip

    name: str
    measure_type: MeasureType = MeasureType.OUTCOME
    operational_definition: str = ""
    data_kind: DataKind = DataKind.MEASUREMENT
    unit: str = ""
    target: float | None = None
    improvement: Improvement = Improvement.NEUTRAL
    phase_starts: tuple[dt.date, ...] = ()
    notes: str = ""
    chart: str = "auto"
    rule_set: RuleSet = RuleSet.ANHOEJ

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.chart not in self.CHART_CHOICES:
            self._fail(
                "chart",
                "one of " + ", ".join(self.CHART_CHOICES),
                self.chart,
                "Pick the chart from the list.",
            )
        self._check_text("name", MAX_SHORT_TEXT, required=True)
        self._check_enum("measure_type", MeasureType)
        self._check_text("operational_definition", MAX_LONG_TEXT)
        self._check_enum("data_kind", DataKind)
        self._check_text("unit", MAX_SHORT_TEXT)
        self._check_number("target")
        self._check_enum("improvement", Improvement)
        starts = tuple(self._to_date("phase_starts", d) for d in self._check_tuple("phase_starts"))
        if len(set(starts)) != len(starts):
            self._fail(
                "phase_starts",
                "each date once",
                None,
                "The same phase start date is there twice: remove one.",
            )
        self._set("phase_starts", tuple(sorted(starts)))
        self._check_text("notes", MAX_LONG_TEXT)
        self._check_enum("rule_set", RuleSet)

    @property
    def is_fraction(self) -> bool:
        """True when each point is "how many out of how many" (a percentage measure)."""
        return self.data_kind is DataKind.PERCENTAGE

    def suggested_chart(
        self, points: int = 0, *, same_size_each_time: bool = True, several_per_period: bool = False
    ) -> ChartSuggestion:
        """Return the chart that suits this measure (see :func:`~qikit.core.suggest_chart`)."""
        return suggest_chart(
            self.data_kind,
            points=points,
            same_size_each_time=same_size_each_time,
            several_per_period=several_per_period,
        )


class Point(Record, kind=RecordKind.POINT):
    """One data point of a measure: a value, or a numerator out of a denominator.

    A point with neither records a period without data (say why in ``note``).
    """

    measure_id: str
    date: dt.date
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_id("measure_id", allow_none=False)
        self._check_date("date")
        self._check_number("value")
        self._check_count("numerator", allow_none=True)
        self._check_count("denominator", allow_none=True, minimum=1)
        if (self.numerator is None) != (self.denominator is None):
            missing = "denominator" if self.denominator is None else "numerator"
            self._fail(
                missing,
                "both “how many” and “out of how many”",
                None,
                "Fill in both numbers, or neither.",
            )
        if self.numerator is not None and self.value is not None:
            self._fail(
                "value",
                "either a value or “how many out of how many”, not both",
                self.value,
                "Clear the value, or clear the two numbers.",
            )
        self._check_text("note", MAX_LONG_TEXT)

    @property
    def y(self) -> float | None:
        """Return the number to plot: the value, or numerator ÷ denominator (None if no data)."""
        if self.numerator is not None and self.denominator:
            return self.numerator / self.denominator
        return self.value


#: The chart choice that follows the chart-choice helper's suggestion.
AUTO_CHART = "auto"


#: The chart Making Data Count reads when a run chart was chosen: its rules need the dashed
#: lines (process limits), and NHS Making Data Count draws single values as an XmR chart.
MDC_RUN_CHART = "i"


def resolve_chart(measure: Measure, n_points: int, choice: str = AUTO_CHART) -> str:
    """Return the qic chart name to draw: ``choice``, or for "auto" what the suggestion says.

    A choice that no longer fits (left over from before the measure's kind changed) falls back
    to a run chart, which fits every kind. With the Making Data Count rules a run chart is drawn
    as :data:`MDC_RUN_CHART` (a run chart has no limits for those rules to read).
    """
    suggestion = measure.suggested_chart(n_points)
    if choice == AUTO_CHART:
        chart = "run" if suggestion.start_with_run_chart else suggestion.chart
    elif choice in ("run", suggestion.chart):
        chart = choice
    else:
        chart = "run"
    if chart == "run" and measure.rule_set is RuleSet.MDC:
        return MDC_RUN_CHART
    return chart


def phase_breaks(points: Sequence[Point], starts: Sequence[dt.date]) -> list[tuple[int, dt.date]]:
    """Return ``(break after point number, phase start date)`` for the phases that split points.

    A phase starting on a date begins at the first point on or after it, so the break is after
    the points before that date. Starts before the first point or after the last point split
    nothing; two starts with no point between them give one break (the later date names it).
    """
    dates = sorted(p.date for p in points)
    found: dict[int, dt.date] = {}
    for start in sorted(starts):
        before = sum(1 for d in dates if d < start)
        if 0 < before < len(dates):
            found[before] = start
    return sorted(found.items())

"""The teaching data sets: support-services measures with a known story and known signals.

Each set is written out literally (the values were drawn once from a seeded generator and then
typed in, never drawn again) so that the demos, their screenshots and their tests always show
the same chart. A set knows the chart it is taught with and the signals ``qikit.qic()`` finds on
it when the whole series is read with one middle line and the default rules (Anhøj); the tests
check every one of them. Load a set by its permanent name::

    from qikit.core.teaching_data import load_teaching_data
    porters = load_teaching_data("porter-response")
    porters.frame()          # date, value (and total for p and u charts)

The words (title, story, axis label) live in :mod:`qikit.core.wording.teaching_data`. The
original porter demo (``demo_measure``, ``MINUTES``, ``CHANGE_WEEK``...) is kept as it was: the
"porter-response" set is the same 24 weeks. Pure data — the standard library and pandas only,
plus ``qic`` on demand — so anything can use it, including the core's tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pandas as pd

from qikit.core.spc.chart_choice import DataKind
from qikit.core.wording import measures as worked_example
from qikit.core.wording import teaching_data as words
from qikit.errors import DataError

if TYPE_CHECKING:
    from qikit.core.spc.qic import QicResult

#: What is measured, in the words a porter would use.
MEASURE_TITLE = words.PORTER_MEASURE_TITLE
#: The y-axis label.
Y_LABEL = words.PORTER_Y_LABEL
#: The last week before the change. The change started at the beginning of the next week.
CHANGE_WEEK = 12
#: What was changed, as it would be written on the PDSA form.
CHANGE_LABEL = words.PORTER_CHANGE_LABEL
#: Monday of the first week.
FIRST_MONDAY = "2025-01-06"

#: Average minutes from a ward's request to the patient being collected, for 24 weeks.
#: Weeks 1-12 before the change (about 40 minutes), weeks 13-24 after it (about 28 minutes).
MINUTES: tuple[float, ...] = (
    41.2, 37.5, 44.1, 39.0, 36.4, 42.3, 45.0, 38.2, 40.6, 35.1, 43.4, 39.8,
    33.2, 30.1, 28.4, 31.0, 27.3, 29.5, 26.1, 30.2, 28.0, 25.4, 29.1, 27.2,
)  # fmt: skip
#: Porter requests logged each week (the number of jobs behind each average).
REQUESTS: tuple[int, ...] = (
    212, 198, 225, 207, 189, 219, 231, 203, 210, 195, 224, 208,
    215, 201, 209, 220, 196, 211, 204, 218, 199, 213, 207, 216,
)  # fmt: skip

#: Which way is better, and the ``improvement`` that ``qic()`` takes for it.
Better = Literal["lower", "higher", "neither"]
_IMPROVEMENT: dict[str, str] = {"lower": "decrease", "higher": "increase", "neither": "neutral"}


def demo_measure() -> pd.DataFrame:
    """Return the 24 weeks as a table: ``week``, ``week_starting``, ``minutes``, ``requests``."""
    weeks = len(MINUTES)
    return pd.DataFrame(
        {
            "week": range(1, weeks + 1),
            "week_starting": pd.date_range(FIRST_MONDAY, periods=weeks, freq="7D"),
            "minutes": MINUTES,
            "requests": REQUESTS,
        }
    )


@dataclass(frozen=True)
class TeachingDataSet:
    """One teaching data set: its words, its numbers, the chart it is taught with and its signals.

    ``change_at`` is the 1-based number of the first point after a real change (None when the
    process was left alone). ``signals`` are the rule names (:class:`qikit.Rule` values) that
    ``qic()`` finds on the whole series with the default rules, in the order it reports them,
    each named once. ``data_kind`` is the answer to the chart-choice helper's "What are you
    measuring?" (an addition to the agreed shape, defaulted so that nothing else needs it).
    """

    name: str
    title: str
    story: str
    chart: str
    y_label: str
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    totals: tuple[float, ...] | None
    multiply: float = 1
    change_at: int | None = None
    change_label: str = ""
    signals: tuple[str, ...] = ()
    better: Better = "lower"
    data_kind: DataKind | None = None

    def __post_init__(self) -> None:
        # Checked once here so that a typing slip in the numbers fails on import, not in class.
        if len(self.dates) != len(self.values):
            raise DataError(f"{self.name} dates", f"{len(self.values)} dates", len(self.dates))
        if self.totals is not None and len(self.totals) != len(self.values):
            raise DataError(f"{self.name} totals", f"{len(self.values)} totals", len(self.totals))
        if list(self.dates) != sorted(set(self.dates)):
            raise DataError(f"{self.name} dates", "dates in order, each once", self.dates[:3])
        if self.change_at is not None and not 2 <= self.change_at <= len(self.values):
            raise DataError(
                f"{self.name} change_at", f"a point from 2 to {len(self.values)}", self.change_at
            )
        if self.better not in _IMPROVEMENT:
            raise DataError(f"{self.name} better", '"lower", "higher" or "neither"', self.better)

    @property
    def improvement(self) -> str:
        """Return ``better`` as ``qic()``'s ``improvement``: "decrease", "increase" or "neutral"."""
        return _IMPROVEMENT[self.better]

    def frame(self) -> pd.DataFrame:
        """Return the set as a table: ``date`` (datetime), ``value`` and ``total`` if it has one."""
        columns: dict[str, object] = {
            "date": pd.to_datetime(pd.Series(self.dates)),
            "value": pd.Series(self.values, dtype="float64"),
        }
        if self.totals is not None:
            columns["total"] = pd.Series(self.totals, dtype="float64")
        return pd.DataFrame(columns)

    def result(self, method: str = "anhoej") -> QicResult:
        """Return the set's chart as ``qic()`` computes it, read with ``method``'s rules.

        The whole series with one middle line, as the documented ``signals`` are found; the
        chosen rules decide what is flagged ("anhoej", "ihi" or "mdc").
        """
        from qikit.core.spc.qic import qic

        return qic(
            list(self.values),
            x=list(self.dates),
            n=None if self.totals is None else list(self.totals),
            chart=self.chart,
            multiply=self.multiply,
            method=method,
            improvement=self.improvement,
        )


# --- building the dates ---------------------------------------------------------------------------


def _every(first: str, count: int, days: int) -> tuple[dt.date, ...]:
    """Return ``count`` dates from ``first`` (ISO), ``days`` apart."""
    start = dt.date.fromisoformat(first)
    return tuple(start + dt.timedelta(days=days * i) for i in range(count))


def _months(first: str, count: int) -> tuple[dt.date, ...]:
    """Return the first day of ``count`` months in a row, from ``first`` (ISO, a 1st)."""
    start = dt.date.fromisoformat(first)
    index = start.year * 12 + start.month - 1
    return tuple(dt.date((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(count))


def _mondays_and_thursdays(first_monday: str, weeks: int) -> tuple[dt.date, ...]:
    """Return a Monday and the Thursday after it for ``weeks`` weeks."""
    start = dt.date.fromisoformat(first_monday)
    return tuple(
        start + dt.timedelta(weeks=week, days=day) for week in range(weeks) for day in (0, 3)
    )


def _after_gaps(day_before: str, gaps: Sequence[float]) -> tuple[dt.date, ...]:
    """Return the date of each event when ``gaps`` are the days since the event before."""
    day = dt.date.fromisoformat(day_before)
    dates = []
    for gap in gaps:
        day += dt.timedelta(days=int(gap))
        dates.append(day)
    return tuple(dates)


# --- the numbers ----------------------------------------------------------------------------------

#: Bed-cleaning: minutes from discharge to bed ready, 20 days (day 14: two off sick, no cover).
_BED_MINUTES: tuple[float, ...] = (
    95, 111, 110, 89, 91, 89, 102, 94, 104, 73,
    114, 94, 103, 150, 90, 101, 105, 93, 93, 103,
)  # fmt: skip
#: Meal waste: kilograms sent back from Ward 7 a week, 24 weeks (bedside ordering from week 13).
_MEAL_KG: tuple[float, ...] = (
    15.8, 18.2, 17.6, 17.1, 18.5, 19.7, 18.0, 15.9, 18.7, 17.2, 19.8, 17.4,
    14.8, 11.4, 16.6, 12.1, 12.5, 14.1, 17.7, 13.4, 13.9, 9.5, 15.1, 12.9,
)  # fmt: skip
#: Hand hygiene: moments watched each month (18 months) ...
_HAND_WATCHED: tuple[float, ...] = (
    47, 59, 53, 54, 55, 47, 58, 40, 46, 43, 40, 60, 41, 49, 57, 54, 57, 41,
)  # fmt: skip
#: ... and how many of them had hands cleaned (month 10: new agency staff, untrained).
_HAND_CLEANED: tuple[float, ...] = (
    44, 48, 45, 48, 49, 44, 52, 38, 37, 26, 37, 50, 37, 46, 48, 43, 54, 33,
)  # fmt: skip
#: Falls: patient falls each month for 24 months ...
_FALLS: tuple[float, ...] = (
    17, 16, 8, 17, 25, 18, 21, 26, 22, 19, 26, 14,
    17, 26, 15, 11, 15, 12, 21, 20, 13, 19, 13, 28,
)  # fmt: skip
#: ... and the bed-days of each month.
_BED_DAYS: tuple[float, ...] = (
    2963, 2795, 3040, 2746, 3048, 2708, 2880, 2846, 3169, 3063, 3027, 2946,
    2843, 3126, 3173, 2808, 2822, 2857, 2938, 2829, 2902, 3189, 2883, 3170,
)  # fmt: skip
#: Linen: times a ward ran out each week, 20 weeks (week 12: the laundry van broke down).
_LINEN: tuple[float, ...] = (
    3, 3, 5, 5, 5, 5, 2, 6, 4, 7, 6, 14, 4, 3, 2, 3, 4, 6, 4, 2,
)  # fmt: skip
#: Needlestick: days since the injury before, for 24 injuries (closing-lid bins after the 16th).
_NEEDLE_GAPS: tuple[float, ...] = (
    1, 5, 6, 24, 5, 1, 2, 4, 12, 13, 20, 10, 39, 4, 2, 9,
    15, 66, 4, 33, 109, 26, 19, 10,
)  # fmt: skip
#: Trolley: minutes to restock, 12 times (the cupboard set out in trolley order after the 6th).
_TROLLEY_MINUTES: tuple[float, ...] = (
    15.2, 13.1, 14.9, 15.9, 14.6, 13.2, 15.3, 11.1, 13.8, 13.0, 11.2, 14.8,
)  # fmt: skip


def _make(name: str, **fields: object) -> TeachingDataSet:
    """Return the set ``name`` with its words from the wording module and ``fields``."""
    said = words.TEACHING_DATA_WORDS[name]
    return TeachingDataSet(
        name=name,
        title=said.title,
        story=said.story,
        y_label=said.y_label,
        change_label=said.change_label,
        **fields,  # type: ignore[arg-type]
    )


_SETS: tuple[TeachingDataSet, ...] = (
    _make(
        "porter-response",
        chart="run",
        dates=_every(FIRST_MONDAY, len(MINUTES), 7),
        values=MINUTES,
        totals=None,
        change_at=CHANGE_WEEK + 1,
        signals=("long_run", "few_crossings"),
        better="lower",
        data_kind=DataKind.MEASUREMENT,
    ),
    _make(
        "bed-cleaning",
        chart="i",
        dates=_every("2025-03-03", len(_BED_MINUTES), 1),
        values=_BED_MINUTES,
        totals=None,
        signals=("outside_limits",),
        better="lower",
        data_kind=DataKind.MEASUREMENT,
    ),
    _make(
        "meal-waste",
        chart="i",
        dates=_every("2024-09-02", len(_MEAL_KG), 7),
        values=_MEAL_KG,
        totals=None,
        change_at=13,
        signals=("long_run", "few_crossings"),
        better="lower",
        data_kind=DataKind.MEASUREMENT,
    ),
    _make(
        "hand-hygiene",
        chart="p",
        dates=_months("2024-01-01", len(_HAND_CLEANED)),
        values=_HAND_CLEANED,
        totals=_HAND_WATCHED,
        multiply=100,
        signals=("outside_limits",),
        better="higher",
        data_kind=DataKind.PERCENTAGE,
    ),
    _make(
        "falls",
        chart="u",
        dates=_months("2023-01-01", len(_FALLS)),
        values=_FALLS,
        totals=_BED_DAYS,
        multiply=1000,
        signals=(),
        better="lower",
        data_kind=DataKind.COUNT,
    ),
    _make(
        "linen-shortages",
        chart="c",
        dates=_every("2025-02-03", len(_LINEN), 7),
        values=_LINEN,
        totals=None,
        signals=("outside_limits",),
        better="lower",
        data_kind=DataKind.COUNT,
    ),
    _make(
        "needlestick",
        chart="g",
        dates=_after_gaps("2023-01-03", _NEEDLE_GAPS),
        values=_NEEDLE_GAPS,
        totals=None,
        change_at=17,
        signals=("outside_limits",),
        better="higher",
        data_kind=DataKind.RARE_EVENTS_DAYS,
    ),
    # The same numbers as the help panel's worked example (qikit.render.measures), one source.
    _make(
        "beds-ready",
        chart="run",
        dates=_every(worked_example.EXAMPLE_START, len(worked_example.EXAMPLE_WEEKS), 7),
        values=tuple(float(ready) for ready, _ in worked_example.EXAMPLE_WEEKS),
        totals=tuple(float(total) for _, total in worked_example.EXAMPLE_WEEKS),
        multiply=100,
        change_at=worked_example.EXAMPLE_CHANGE_WEEK,
        signals=("long_run", "few_crossings"),
        better="higher",
        data_kind=DataKind.PERCENTAGE,
    ),
    _make(
        "trolley-restock",
        chart="run",
        dates=_mondays_and_thursdays("2025-05-05", len(_TROLLEY_MINUTES) // 2),
        values=_TROLLEY_MINUTES,
        totals=None,
        change_at=7,
        signals=(),
        better="lower",
        data_kind=DataKind.MEASUREMENT,
    ),
)
_BY_NAME: dict[str, TeachingDataSet] = {data_set.name: data_set for data_set in _SETS}


def teaching_data_names() -> tuple[str, ...]:
    """Return the names of the teaching data sets, in the order they are taught."""
    return tuple(_BY_NAME)


def load_teaching_data(name: str) -> TeachingDataSet:
    """Return the teaching data set called ``name``.

    Raises
    ------
    DataError
        When no set has that name; the message lists the names there are.
    """
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        names = ", ".join(_BY_NAME)
        raise DataError(
            "teaching data set",
            "the name of a teaching data set",
            name,
            words.UNKNOWN_DATA_SET.format(names=names),
        ) from None


def teaching_data_table() -> str:
    """Return the Markdown table of every set (``docs/teaching-data.md``, checked by a test)."""
    lines = [
        "# Teaching data sets",
        "",
        "Generated by `qikit.core.teaching_data.teaching_data_table()`; a test checks that this",
        "file matches it. Load a set with `load_teaching_data(name)`. The signals are the rule",
        "names `qikit.qic()` finds on the whole series (one middle line, the default Anhøj rules).",
        "",
        "| Name | Title | Chart | Story | First point after the change | Known signals |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for data_set in _SETS:
        signals = ", ".join(f"`{s}`" for s in data_set.signals) or "none"
        cells = (
            f"`{data_set.name}`",
            data_set.title,
            f"`{data_set.chart}`",
            data_set.story,
            "none" if data_set.change_at is None else str(data_set.change_at),
            signals,
        )
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"

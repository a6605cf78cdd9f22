"""Which chart fits the data? Plain questions in, a chart and the reason out.

Follows the usual decision tree for healthcare SPC (Provost & Murray 2011, ch. 5; NHS England,
*Making Data Count*): measurements → I chart (or X-bar/S for several per period); counts of events
→ C chart, or U chart when the opportunity varies; "how many out of how many" → P chart; rare
events → G chart (count between) or T chart (time between). With fewer than about 12 points, or
while learning, a run chart is always a safe start.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from qikit.errors import DataError


class DataKind(StrEnum):
    """The plain answers to "What are you measuring?". Stored, so the values never change."""

    COUNT = "count"  # "I am counting things (falls, complaints, missed meals)"
    PERCENTAGE = "percentage"  # "a percentage of a total (beds cleaned on time out of all beds)"
    MEASUREMENT = "measurement"  # "a time or a measurement (minutes to collect a patient)"
    RARE_EVENTS_DAYS = "days_between"  # "days between rare events"
    RARE_EVENTS_CASES = "cases_between"  # "number of cases between rare events"


#: What a participant sees for each answer (the first line of the helper).
DATA_KIND_QUESTIONS: dict[DataKind, str] = {
    DataKind.COUNT: "I am counting things (for example falls, complaints or missed meals)",
    DataKind.PERCENTAGE: "A percentage of a total (for example beds cleaned on time out of all "
    "beds)",
    DataKind.MEASUREMENT: "A time or a measurement (for example minutes to collect a patient)",
    DataKind.RARE_EVENTS_DAYS: "Days between rare events (for example days between needle-stick "
    "injuries)",
    DataKind.RARE_EVENTS_CASES: "Cases between rare events (for example patients moved between "
    "two lost-property incidents)",
}


@dataclass(frozen=True)
class ChartSuggestion:
    """A suggested chart type (a ``qic`` chart name), the run-chart fallback and why."""

    chart: str
    name: str
    why: str
    start_with_run_chart: bool


def suggest_chart(
    kind: DataKind | str,
    *,
    points: int = 0,
    same_size_each_time: bool = True,
    several_per_period: bool = False,
) -> ChartSuggestion:
    """Return the chart that suits data of ``kind`` and a plain-English reason.

    ``same_size_each_time``: for counts, whether the amount of opportunity (beds, patients, days)
    is about the same every period; ``several_per_period``: for measurements, whether several
    are taken each period (for example 5 collection times a day).
    """
    try:
        kind = DataKind(kind)
    except ValueError:
        raise DataError(
            "what you are measuring",
            "one of: " + ", ".join(k.value for k in DataKind),
            kind,
            "Pick the answer that sounds most like your data.",
        ) from None
    run_first = points < 12
    later = (
        " Until you have about 12 points, a run chart is the best start: it needs no maths."
        if run_first
        else ""
    )
    if kind is DataKind.COUNT and same_size_each_time:
        return ChartSuggestion(
            "c",
            "C chart (a count chart)",
            "You are counting how many times something happens, and the chance for it to happen "
            "is about the same each time." + later,
            run_first,
        )
    if kind is DataKind.COUNT:
        return ChartSuggestion(
            "u",
            "U chart (a rate chart)",
            "You are counting events, but the amount of chance changes (more beds or patients "
            "some weeks), so the chart uses a rate: events for each bed, patient or day." + later,
            run_first,
        )
    if kind is DataKind.PERCENTAGE:
        return ChartSuggestion(
            "p",
            "P chart (a percentage chart)",
            "Each point is “how many out of how many”, so the chart shows the percentage and "
            "allows for the total changing from week to week." + later,
            run_first,
        )
    if kind is DataKind.MEASUREMENT and several_per_period:
        return ChartSuggestion(
            "xbar",
            "X-bar chart (an average chart)",
            "You take several measurements each time, so the chart shows their average and how "
            "much they vary." + later,
            run_first,
        )
    if kind is DataKind.MEASUREMENT:
        return ChartSuggestion(
            "i",
            "I chart (an individuals chart)",
            "Each point is one time or measurement, so the chart shows each value and how much "
            "values usually move from one to the next." + later,
            run_first,
        )
    if kind is DataKind.RARE_EVENTS_DAYS:
        return ChartSuggestion(
            "t",
            "T chart (time between events)",
            "The event is rare, so counting it each month would give mostly zeros. Recording "
            "the days between events shows a change much sooner: longer gaps mean fewer events.",
            False,
        )
    return ChartSuggestion(
        "g",
        "G chart (cases between events)",
        "The event is rare, so counting it each month would give mostly zeros. Recording how "
        "many cases happened between events shows a change much sooner: bigger numbers mean "
        "fewer events.",
        False,
    )

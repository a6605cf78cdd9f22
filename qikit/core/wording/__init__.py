"""Every sentence qikit shows a participant, in one place (this package).

This module holds the chart readings; each QI tool's labels, help ("What is this?", "How to do
it") and worked example live beside it in ``qikit.core.wording.<tool>``.

Participants read the ``plain`` sentences: short, everyday words, second person. Mentors also get a
short ``technical`` sentence. Keeping the wording here means it can be reviewed, checked for reading
level and one day translated without touching the statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from qikit.core.spc.signals import Rule


@dataclass(frozen=True)
class Explanation:
    """A plain sentence for a participant and a short technical one for a mentor."""

    plain: str
    technical: str


#: One-line meanings of the technical words, shown one tap away from the chart.
GLOSSARY: dict[str, str] = {
    "median": "The middle value: half of your points are above it and half below.",
    "mean": "The average: add up the values and divide by how many there are.",
    "middle line": "The line across the middle of the chart (the median on a run chart, the "
    "average on a control chart).",
    "run": "A group of points in a row on the same side of the middle line.",
    "crossing": "A place where the line joining the points crosses the middle line.",
    "shift": "A long run of points all on one side of the middle line.",
    "trend": "Points that keep going up (or keep going down) one after another.",
    "control limits": "The two dashed lines. Nearly all points fall between them when nothing "
    "unusual is going on.",
    "sigma": "A measure of how much the values usually vary. Control limits sit 3 sigma from "
    "the middle line.",
    "UCL": "Upper control limit: the top dashed line.",
    "LCL": "Lower control limit: the bottom dashed line.",
    "baseline": "The first points, before you changed anything. The lines are worked out from "
    "them.",
    "phase": "A part of the chart after a change, with its own middle line.",
    "PDSA": "Plan, Do, Study, Act: a small test of a change.",
    "run chart": "A chart of your points over time with the median as the middle line.",
    "control chart": "A run chart with an average line and two control limits (also called an "
    "SPC chart).",
    "Anhøj rules": "Two checks on a run chart: one run that is too long, or too few crossings. "
    "Either means something has probably changed.",
    "special cause": "Something unusual, not just the normal ups and downs.",
    "common cause": "The normal ups and downs of the process.",
}

#: Making Data Count readings: the plain meaning of each variation and assurance icon, and notes.
MDC_WORDING: dict[str, str] = {
    # variation icon of the latest point
    "variation:common_cause": "No sign of change: your latest points go up and down in the usual "
    "way.",
    "variation:improvement_high": "Getting better: the latest points show a real improvement "
    "(here, higher is better).",
    "variation:improvement_low": "Getting better: the latest points show a real improvement "
    "(here, lower is better).",
    "variation:concern_high": "Getting worse: the latest points are higher than usual, and here "
    "higher is worse. Find out what has changed.",
    "variation:concern_low": "Getting worse: the latest points are lower than usual, and here "
    "lower is worse. Find out what has changed.",
    "variation:neutral_high": "Something has changed: the latest points are higher than usual. "
    "Higher is neither good nor bad here, but it is worth asking why.",
    "variation:neutral_low": "Something has changed: the latest points are lower than usual. "
    "Lower is neither good nor bad here, but it is worth asking why.",
    # assurance icon (target)
    "assurance:consistent_pass": "If nothing changes, you can expect to meet your target every "
    "time.",
    "assurance:consistent_fail": "If nothing changes, you will keep missing your target. The way "
    "the work is done has to change to meet it.",
    "assurance:inconsistent": "If nothing changes, you will sometimes meet your target and "
    "sometimes miss it, just by chance.",
    "assurance:none_no_target": "No target was given, so there is no check against a target.",
    "assurance:none_neutral": "Higher or lower is neither good nor bad here, so there is no check "
    "against a target.",
    # notes
    "note:short_phase": "Part {part} has only {n} points, so its lines are a first guess and "
    "will move as you add points. They settle once a part has 13 or more points.",
    "note:no_spread": "In part {part} the values do not vary from one point to the next, so the "
    "dashed lines cannot be worked out.",
    "note:signals": "What stands out:",
    # mentor-facing sentence for an MDC trend (the shared one describes a different tie rule)
    "technical:trend": "Trend: {count} points each {way} than the one before (MDC rule: "
    "{length} or more; an equal value breaks the trend).",
}


_SIDE_WORD = {"above": "above", "below": "below"}
_TREND_WORD = {"up": "going up", "down": "going down"}
_LIMIT_WORD = {"above": "above the top dashed line", "below": "below the bottom dashed line"}


def describe_points(points: Sequence[int], last_point: int) -> str:
    """Return how a sentence names some points ("Your last 8 points", "Points 3 to 9")."""
    if not points:
        return "No points"
    first, last, count = min(points), max(points), len(points)
    if count == 1:
        return "Your latest point" if last == last_point else f"Point {first}"
    contiguous = last - first + 1 == count
    if contiguous and last == last_point:
        return f"Your last {count} points"
    if contiguous:
        return f"Points {first} to {last}"
    return f"{count} points from point {first} to point {last}"


def _times(count: object) -> str:
    return "once" if count == 1 else "never" if count == 0 else f"{count} times"


def _long_run(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    side = _SIDE_WORD.get(str(facts.get("side")), "on one side of")
    return Explanation(
        f"{who} are all {side} the middle line. That is unlikely to be chance: "
        "something has changed.",
        f"Unusually long run: longest run {facts['longest_run']} > "
        f"{facts['longest_run_max']} (Anhøj, {facts['useful']} useful observations).",
    )


def _few_crossings(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    return Explanation(
        "Your line crosses the middle line fewer times than it would by chance "
        f"({_times(facts['crossings'])}; we would expect at least "
        f"{_times(facts['crossings_min'])}). "
        "Something has probably changed.",
        f"Unusually few crossings: {facts['crossings']} < {facts['crossings_min']} "
        f"(Anhøj, {facts['useful']} useful observations).",
    )


def _outside_limits(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    side = str(facts.get("side"))
    where = _LIMIT_WORD.get(side, "outside the dashed lines")
    verb = "is" if len(points) == 1 else "are"
    return Explanation(
        f"{who} {verb} {where}. That is very unlikely to be chance: look for what was "
        "different at that time.",
        f"{len(points)} point(s) outside the 3-sigma control limits ({side}).",
    )


def _shift(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    side = _SIDE_WORD.get(str(facts.get("side")), "on one side of")
    return Explanation(
        f"{who} are all {side} the middle line. A run this long is a sign that something "
        "has changed.",
        f"Shift: {len(points)} consecutive points {side} the centre line "
        f"(rule: {facts['length']} or more).",
    )


def _trend(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    way = _TREND_WORD.get(str(facts.get("direction")), "moving one way")
    return Explanation(
        f"{who} keep {way}, one after another. That is a sign that something is changing.",
        f"Trend: {len(points)} points each {way.replace('going ', '')} on the one before "
        f"(rule: {facts['length']} or more; equal values neither add to nor break a trend).",
    )


def _too_few_runs(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    return Explanation(
        "Your points stay on one side of the middle line for longer than chance would "
        f"explain (only {facts['runs']} runs; we would expect at least {facts['runs_min']}). "
        "Something has probably changed.",
        f"Too few runs: {facts['runs']} < {facts['runs_min']} for {facts['useful']} useful "
        "observations (IHI run table).",
    )


def _too_many_runs(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    return Explanation(
        "Your points jump from one side of the middle line to the other more often than "
        f"chance would explain ({facts['runs']} runs; we would expect at most "
        f"{facts['runs_max']}). The data may be mixed from different sources: ask how it "
        "was collected.",
        f"Too many runs: {facts['runs']} > {facts['runs_max']} for {facts['useful']} useful "
        "observations (IHI run table).",
    )


def _astronomical(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    verb = "is" if len(points) == 1 else "are"
    return Explanation(
        f"{who} {verb} far away from all the others. Find out what happened then.",
        "Astronomical point: more than 3 sigma from the centre line"
        f" ({facts.get('basis', 'moving-range sigma')}).",
    )


def _two_of_three(who: str, points: Sequence[int], facts: Mapping[str, object]) -> Explanation:
    side = _SIDE_WORD.get(str(facts.get("side")), "on one side of")
    return Explanation(
        f"{who}: two out of three points in a row are close to the dashed line {side} the "
        "middle. That is a sign that something has changed.",
        f"Two of three consecutive points beyond 2 sigma {side} the centre line.",
    )


#: The sentences of each rule: ``(who, points, facts) -> Explanation``, where ``who`` names the
#: points ("Your last 8 points"). A new rule adds its entry here.
_SENTENCES: dict[Rule, Callable[[str, Sequence[int], Mapping[str, object]], Explanation]] = {
    Rule.LONG_RUN: _long_run,
    Rule.FEW_CROSSINGS: _few_crossings,
    Rule.OUTSIDE_LIMITS: _outside_limits,
    Rule.SHIFT: _shift,
    Rule.TREND: _trend,
    Rule.TOO_FEW_RUNS: _too_few_runs,
    Rule.TOO_MANY_RUNS: _too_many_runs,
    Rule.ASTRONOMICAL: _astronomical,
    Rule.TWO_OF_THREE: _two_of_three,
}


def explain(rule: Rule, *, points: Sequence[int], last_point: int, **facts: object) -> Explanation:
    """Return the plain and technical sentences for one signal.

    ``facts`` carries the numbers the sentence needs, by rule: ``side`` ("above"/"below"),
    ``direction`` ("up"/"down"), ``longest_run``/``longest_run_max``,
    ``crossings``/``crossings_min``, ``runs``/``runs_min``/``runs_max``, ``length`` (the rule's
    threshold) and ``useful`` (points not on the middle line).
    """
    sentences = _SENTENCES.get(rule)
    if sentences is None:  # pragma: no cover - every Rule has its sentences
        raise ValueError(f"no wording for rule {rule!r}")
    return sentences(describe_points(points, last_point), points, facts)


def no_signal_text(chart_is_run_chart: bool) -> Explanation:
    """Return the sentence shown when no rule fires."""
    if chart_is_run_chart:
        return Explanation(
            "Your points go up and down around the middle line in the way chance would. "
            "There is no sign of a change yet.",
            "No non-random variation: run lengths and crossings within the Anhøj limits.",
        )
    return Explanation(
        "Your points stay between the dashed lines and go up and down around the middle line "
        "in the way chance would. There is no sign of a change yet.",
        "Common-cause variation only: no points outside the limits, no run signals.",
    )


def too_few_points_text(useful: int, needed: int = 10) -> Explanation:
    """Return the sentence shown when there are too few points to read the chart."""
    return Explanation(
        f"You have {useful} points so far. Add at least {needed - useful} more before reading "
        f"the chart: with fewer than {needed} points it is easy to be fooled by chance."
        if useful < needed
        else f"You have {useful} points.",
        f"{useful} useful observations; run rules need about {needed} to be informative.",
    )

"""Every sentence about how a chart is read: the three rule sets and the Making Data Count icons.

A team picks how its chart is read (a measure's ``rule_set``): each choice has its name and one
plain line saying what it looks for. With NHS Making Data Count the chart also gets two icons, a
variation icon (is it getting better or worse?) and an assurance icon (will the target be met?);
each has a short title (the icon's text alternative) and a plain sentence shown beside it. The
sentences for the signals themselves are the shared ones in :mod:`qikit.core.wording`.
"""

from __future__ import annotations

from qikit.core.spc.rules.mdc import AssuranceIcon, VariationIcon
from qikit.core.spc.signals import RuleSet

# -- choosing the rules ---------------------------------------------------------------------------

#: The visible label of the choice.
RULE_SET_LABEL = "How to read your chart"

#: Each rule set's name and its one-line plain explanation, in the order they are offered.
RULE_SET_CHOICES: dict[RuleSet, tuple[str, str]] = {
    RuleSet.ANHOEJ: (
        "Run chart rules (Anhøj)",
        "The simplest check: a run of points on one side of the middle line that is too long, "
        "or a line that crosses the middle too few times, means something has changed.",
    ),
    RuleSet.IHI: (
        "IHI rules",
        "The rules taught by the Institute for Healthcare Improvement: 6 points in a row on one "
        "side of the middle line, 5 going up or down, or a point far from all the others.",
    ),
    RuleSet.MDC: (
        "NHS Making Data Count",
        "The way NHS board reports read a chart: an average line, two dashed lines for the usual "
        "range, and two icons that say whether things are getting better and whether you will "
        "meet your target.",
    ),
}

#: The line over the reading that says which rules were used: ``{name}`` and ``{explanation}``.
READ_WITH = "Read with: {name}. {explanation}"
#: Shown with Making Data Count when the team chose a run chart (its rules need the limits).
MDC_DRAWS_CONTROL_CHART = (
    "Making Data Count needs the two dashed lines, so your numbers are shown on a control chart "
    "of single values instead of a run chart."
)

#: The chart Making Data Count tried, named when it cannot be drawn from the numbers.
MDC_CHART_NAME = "control chart of single values"
#: In the mentor's list of a measure's facts.
STATIC_RULE_SET = "How the chart is read"

# -- saving the choice ----------------------------------------------------------------------------

PICK_A_MEASURE_FIRST = "Add or pick a measure first, then choose how to read its chart."

# -- the Making Data Count icons ------------------------------------------------------------------

#: The heading over the two icons.
ICONS_HEADING = "Making Data Count icons"

#: Each variation icon: its short title (the icon's text alternative) and the plain sentence
#: shown beside it.
VARIATION_WORDS: dict[VariationIcon, tuple[str, str]] = {
    VariationIcon.COMMON_CAUSE: (
        "No sign of change",
        "No sign of change: your points go up and down in the usual way.",
    ),
    VariationIcon.IMPROVEMENT_HIGH: (
        "Getting better, higher",
        "Getting better: a real change in the good direction. Your latest points are higher, "
        "and higher is better.",
    ),
    VariationIcon.IMPROVEMENT_LOW: (
        "Getting better, lower",
        "Getting better: a real change in the good direction. Your latest points are lower, "
        "and lower is better.",
    ),
    VariationIcon.CONCERN_HIGH: (
        "Getting worse, higher",
        "Getting worse: a real change in the wrong direction. Your latest points are higher, "
        "and higher is worse. Find out what has changed.",
    ),
    VariationIcon.CONCERN_LOW: (
        "Getting worse, lower",
        "Getting worse: a real change in the wrong direction. Your latest points are lower, "
        "and lower is worse. Find out what has changed.",
    ),
    VariationIcon.NEUTRAL_HIGH: (
        "Something has changed, higher",
        "Something has changed: your latest points are higher than usual. You have not said "
        "which way is better, but it is worth asking why.",
    ),
    VariationIcon.NEUTRAL_LOW: (
        "Something has changed, lower",
        "Something has changed: your latest points are lower than usual. You have not said "
        "which way is better, but it is worth asking why.",
    ),
}

#: Each assurance icon: its short title (the icon's text alternative) and the plain sentence.
ASSURANCE_WORDS: dict[AssuranceIcon, tuple[str, str]] = {
    AssuranceIcon.CONSISTENT_PASS: (
        "Will meet the target",
        "Will meet the target: the whole usual range is on the good side of the target, so if "
        "nothing changes you will meet it every time.",
    ),
    AssuranceIcon.CONSISTENT_FAIL: (
        "Will miss the target",
        "Will miss the target: the whole usual range is on the wrong side of the target, so if "
        "nothing changes you will keep missing it. The way the work is done has to change.",
    ),
    AssuranceIcon.INCONSISTENT: (
        "Hit and miss",
        "Hit and miss: the target is inside the usual range, so some weeks will meet it and "
        "some won't.",
    ),
}

#: The title of the icon drawn when a variation icon cannot be worked out (no points read).
NO_VARIATION_ICON = "Not enough points yet to say whether things are changing."

#: Added to the direction line when there is a target but no usual range to compare it with.
TARGET_NEEDS_POINTS = "Add more points to see whether you will meet it."

# -- which way is better, and the target ----------------------------------------------------------

BETTER_IS: dict[str, str] = {"increase": "higher", "decrease": "lower"}
#: ``{direction}`` is "higher" or "lower"; ``{target}`` is the number and its unit.
DIRECTION_AND_TARGET = "Better is: {direction}. Your target: {target}."
DIRECTION_ONLY = "Better is: {direction}. Set a target to see whether you will meet it."
NO_DIRECTION_NO_TARGET = (
    "Choose which way is better (higher or lower) and set a target to see whether things are "
    "getting better and whether you will meet your target."
)
NO_DIRECTION_WITH_TARGET = (
    "Your target: {target}. Choose which way is better (higher or lower) to see whether things "
    "are getting better and whether you will meet it."
)


def target_words(target: float, unit: str = "") -> str:
    """Return a target as a person says it: "20 minutes", "90%", "4.5"."""
    unit = " ".join(unit.split())
    number = f"{target:g}"
    if not unit:
        return number
    if unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def direction_and_target(improvement: str, target: float | None, unit: str = "") -> str:
    """Return the line that says which way is better and the target, or what to set first.

    ``improvement`` is a measure's stored value ("increase", "decrease" or "neutral").
    """
    direction = BETTER_IS.get(str(improvement))
    if direction is None:
        if target is None:
            return NO_DIRECTION_NO_TARGET
        return NO_DIRECTION_WITH_TARGET.format(target=target_words(target, unit))
    if target is None:
        return DIRECTION_ONLY.format(direction=direction)
    return DIRECTION_AND_TARGET.format(direction=direction, target=target_words(target, unit))

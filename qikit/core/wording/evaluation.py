"""Words of the evaluation report: one plain sentence for each number a board reads.

The readers are the QI team and the trust's board, not statisticians: every statistic is said
in everyday words first, with the technical name and number after it in brackets. Small groups
are never shown (see :data:`SUPPRESSED`), so a sentence takes ``None`` for a hidden count.
"""

from __future__ import annotations

from collections.abc import Sequence

from qikit.core.model.survey import SurveyStage

#: The smallest group shown anywhere in the report: fewer people than this could be recognised.
MIN_GROUP = 5
#: What stands in place of a hidden number, bar, question or comparison. It never says "fewer
#: than 5": a count may also be hidden only so that a small one cannot be worked out from the
#: total (secondary suppression), and then it may be large.
SUPPRESSED = "not shown (small group)"
#: A comparison with fewer than MIN_GROUP pairs, which is not computed at all.
TOO_FEW_PAIRS = "fewer than 5 people answered both — not shown"

REPORT_TITLE = "{title}: evaluation report"
MADE_ON = "Made on {date} from the answers and team records saved by then."

#: The report's headings, in order (the board reads these first).
HEADINGS = {
    "who": "Who answered",
    "growth": "Did skills and confidence grow?",
    "teams": "What the teams achieved",
    "still": "Are people still involved?",
    "methods": "How we worked this out",
}

#: Each survey point as a board says it.
STAGE_NAMES: dict[SurveyStage, str] = {
    SurveyStage.PRE: "Before the programme",
    SurveyStage.MID: "Halfway through",
    SurveyStage.POST: "At the end",
    SurveyStage.FOLLOW_UP: "Months later (follow-up)",
}
#: When the later answer of a pair was given, inside a sentence.
STAGE_LATER: dict[SurveyStage, str] = {
    SurveyStage.PRE: "before the programme",
    SurveyStage.MID: "halfway through",
    SurveyStage.POST: "after the programme",
    SurveyStage.FOLLOW_UP: "months after the programme",
}
OVERALL_LABEL = "All the skills and confidence questions together"


def people(count: int | None) -> str:
    """Return "1 person", "23 people" or, for a hidden count, "a small number of people"."""
    if count is None:
        return "a small number of people"
    return "1 person" if count == 1 else f"{count} people"


def _who_moved(
    n_pairs: int, higher: int | None, same: int | None, lower: int | None, when: str
) -> str:
    """Return who rated themselves higher, the same and lower, naming only the shown counts."""
    parts = {
        f"rated themselves higher {when}": higher,
        "stayed the same": same,
        "went lower": lower,
    }
    shown = [f"{count} {what}" for what, count in parts.items() if count is not None]
    hidden = [what for what, count in parts.items() if count is None]
    sentence = f"Of {people(n_pairs)} who answered both"
    if shown:
        sentence += ", " + (
            " and ".join(shown) if len(shown) < 3 else f"{shown[0]}, {shown[1]} and {shown[2]}"
        )
    sentence += "."
    if hidden:
        sentence += (
            " How many "
            + " or ".join(what.replace(f" {when}", "") for what in hidden)
            + " is not shown, to protect small groups."
        )
    return sentence


def response_sentence(
    stage: SurveyStage, count: int | None, share: float | None, total: int
) -> str:
    """Return how many answered at one survey point, out of everyone who ever answered."""
    if count is None or share is None:
        return f"{STAGE_NAMES[stage]}: {SUPPRESSED}."
    return (
        f"{STAGE_NAMES[stage]}: {people(count)} answered "
        f"({share:.0%} of the {total} who answered at least once)."
    )


def _step_words(steps: float) -> str:
    size = abs(steps)
    if size < 0.25:
        return "no change"
    amount = "one step" if abs(size - 1) < 0.25 else f"{size:g} steps"
    if abs(size - 0.5) < 0.25:
        amount = "half a step"
    return f"{amount} {'up' if steps > 0 else 'down'} the scale"


def scale_point_words(value: float, scale: Sequence[str]) -> str:
    """Return a median on the 1–5 scale in words: "'Somewhat'" or "between 'A little' and …"."""
    low = max(1, min(5, int(value // 1)))
    if abs(value - round(value)) < 1e-9:
        return f"‘{scale[round(value) - 1]}’"
    if abs(value - low - 0.5) < 1e-9 and low < 5:
        return f"between ‘{scale[low - 1]}’ and ‘{scale[low]}’"
    return f"{value:.1f} on the 1 to 5 scale"


def p_value_sentence(p_value: float) -> str:
    """Return what the p-value means in one plain sentence, with the number in brackets."""
    if p_value < 0.001:
        return "A change this large is very unlikely to be chance (p < 0.001)."
    if p_value < 0.05:
        return f"A change this large is unlikely to be chance (p = {p_value:.3f})."
    return (
        f"A change like this could easily happen by chance (p = {p_value:.2f}), so we cannot "
        "say the programme caused it."
    )


def change_sentence(
    *,
    n_pairs: int,
    higher: int | None,
    same: int | None,
    lower: int | None,
    later: SurveyStage,
    median_before: float,
    median_after: float,
    typical_change: float,
    p_value: float,
    scale: Sequence[str],
    overall: bool = False,
) -> str:
    """Return the plain paragraph about one paired change: who moved, how far, is it chance."""
    when = STAGE_LATER[later]
    who = _who_moved(n_pairs, higher, same, lower, when)
    if overall:
        where = (
            f"Their average answer went from {median_before:.1f} to {median_after:.1f} on the "
            "1 to 5 scale (the middle person's, before and after)."
        )
    else:
        where = (
            f"The middle answer went from {scale_point_words(median_before, scale)} to "
            f"{scale_point_words(median_after, scale)}."
        )
    typical = f"The typical change was {_step_words(typical_change)}."
    return " ".join((who, where, typical, p_value_sentence(p_value)))


def effect_sentence(effect: float, low: float, high: float) -> str:
    """Return the effect size (matched-pairs rank-biserial correlation) in one sentence."""
    if effect >= 0.5:
        strength = "Most of the change was upwards"
    elif effect > 0.1:
        strength = "More of the change was upwards than downwards"
    elif effect >= -0.1:
        strength = "Ups and downs were about equal"
    else:
        strength = "More of the change was downwards"
    return (
        f"{strength} (effect size {effect:.2f}, where 1 means everyone who changed went up and "
        f"0 as much up as down; 95% confidence interval {low:.2f} to {high:.2f})."
    )


def shift_sentence(estimate: float, interval: tuple[float, float] | None) -> str:
    """Return the Hodges–Lehmann typical change with its confidence interval, in steps."""
    if interval is None:
        return (
            f"Best estimate of the typical change: {estimate:+.1f} steps of the scale (too few "
            "people for a range)."
        )
    low, high = interval
    return (
        f"Best estimate of the typical change: {estimate:+.1f} steps of the scale (95% "
        f"confidence interval {low:+.1f} to {high:+.1f})."
    )


def teams_sentence(improved: int, total: int, run: int, adopted: int) -> str:
    """Return the cohort's project outcomes in one sentence."""
    teams = "1 team" if total == 1 else f"{total} teams"
    return (
        f"Of {teams}, {improved} {'has' if improved == 1 else 'have'} a signal of improvement on "
        f"their main measure. Together they ran {run} PDSA "
        f"{'cycle' if run == 1 else 'cycles'} (small tests of a change) and adopted {adopted} "
        f"{'change' if adopted == 1 else 'changes'}."
    )


def still_involved_sentence(answered: int | None, agree: int | None) -> str:
    """Return how many say they are still taking part in improvement months later."""
    if answered is None:
        return f"Still taking part: {SUPPRESSED}."
    if agree is None:
        return (
            f"Of {people(answered)} who answered months later, how many said they are still "
            "taking part in improving things at work is not shown, to protect small groups."
        )
    return (
        f"Of {people(answered)} who answered months later, {agree} said they are still taking "
        "part in improving things at work ‘Mostly’ or ‘Completely’."
    )


def text_count_sentence(statement: str, answered: int | None) -> str:
    """Return how many wrote an answer to one free-text question (never the words)."""
    if answered is None:
        return f"“{statement}” — {SUPPRESSED}."
    return f"“{statement}” — {people(answered)} wrote an answer."


#: The methods, in plain words (the last section of the report).
METHODS = (
    "Each person makes their own code from a memorable recipe, so no names are kept. We pair "
    "a person's answers before the programme with their answers at a later point by that code; "
    "people who answered only once are counted in “Who answered” but not in the changes.",
    "For each question we count how many people rated themselves higher, the same or lower. "
    "“The middle answer” is the median: half the people answered at or below it.",
    "To judge whether a change could be chance we use the Wilcoxon signed-rank test on the "
    "pairs. People whose answer did not change are left out of the test (the usual “Wilcoxon” "
    "handling of zeros). With up to 50 changes and no ties the exact p-value is used; otherwise "
    "(nearly always, on a 5-point scale) the normal approximation corrected for ties.",
    "The effect size is the matched-pairs rank-biserial correlation (Kerby, 2014): the share "
    "of the ranked changes that went up minus the share that went down, from −1 to 1. Its 95% "
    "confidence interval comes from 2,000 bootstrap resamples of the people (percentile "
    "method, fixed seed so the report is the same each time it is made).",
    "The typical change is the Hodges–Lehmann estimate: the median of the averages of every "
    "pair of changes (Hollander, Wolfe and Chicken, Nonparametric Statistical Methods, 2014, "
    "section 3.2), with the confidence interval that matches the signed-rank test.",
    "“Overall” is each person's average over the scale questions they answered at both points.",
    "Teams: the main measure is the team's first outcome measure (or first measure); a signal "
    "of improvement is a run-chart or control-chart signal in the better direction. PDSA cycles "
    "run are those past the planning step; adopted ones are those the team decided to keep. "
    "Engagement counts every saved change to a team's records, week by week.",
    "To protect people, any number, bar, question or comparison based on fewer than 5 people "
    f"shows “{SUPPRESSED}”; when only one count of a set is hidden, the next smallest is "
    "hidden too, so it cannot be worked out from the total. Written answers are never quoted: "
    "in a small workforce the words could say who wrote them, so we only count them.",
)

"""Are the evaluation's statistics right (against scipy and known answers), and are small
groups hidden?"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pytest
from scipy import stats

from qikit.core.model import (
    Measure,
    MeasureType,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Project,
    SurveyResponse,
    SurveyStage,
)
from qikit.core.survey import ItemKind, SurveyItem, SurveyItems
from qikit.core.wording.evaluation import SUPPRESSED
from qikit.evidence.evaluation import (
    compare_stages,
    engagement,
    follow_up,
    hodges_lehmann,
    p_method,
    paired_test,
    rank_biserial,
    response_rates,
    suppress_counts,
    team_outcome,
    text_counts,
)

AT = "2027-01-11T10:00:00+00:00"
SCALE = ("Not at all", "A little", "Somewhat", "Mostly", "Completely")
ITEMS = SurveyItems(
    title="Test survey",
    scale=SCALE,
    items=(
        SurveyItem("fishbone", "I could draw a fishbone diagram.", ItemKind.SCALE, "Doing"),
        SurveyItem("confident", "I feel confident.", ItemKind.SCALE, "Confidence"),
        SurveyItem(
            "still_involved",
            "I am still taking part.",
            ItemKind.SCALE,
            "Still",
            (SurveyStage.FOLLOW_UP,),
        ),
        SurveyItem("anything", "Anything else?", ItemKind.TEXT, "Words"),
    ),
)

#: Hollander & Wolfe (1973), p. 29: Hamilton depression scale, 9 patients, first and second
#: visit (also the example of R's wilcox.test). T+ of first − second is 40; the one-sided exact
#: p-value is 10/512 = 0.01953, so the two-sided one is 20/512.
HAMILTON_FIRST = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
HAMILTON_SECOND = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]


def _sheet(code: str, stage: SurveyStage, answers: Mapping[str, int | str]) -> SurveyResponse:
    return SurveyResponse(
        record_id=f"{code}-{stage.value}",
        participant_code=code,
        stage=stage,
        answers=dict(answers),
        at=AT,
    )


def _pairs(changes: list[tuple[int, int]], later: SurveyStage = SurveyStage.POST) -> list:
    """Sheets for one person per (before, after) on the fishbone question."""
    sheets = []
    for number, (before, after) in enumerate(changes):
        code = f"P{number:03d}"
        sheets.append(_sheet(code, SurveyStage.PRE, {"fishbone": before}))
        sheets.append(_sheet(code, later, {"fishbone": after}))
    return sheets


# -- the statistics against scipy and known answers ----------------------------------------------


def test_the_textbook_example_gives_its_published_p_value_and_rank_sums() -> None:
    result = paired_test(HAMILTON_SECOND, HAMILTON_FIRST)  # after − before = first − second
    assert result.p_value == pytest.approx(20 / 512)
    assert result.p_method == "exact"
    assert result.higher == 7 and result.lower == 2
    # R+ = 40, R− = 5: r = (40 − 5) / 45 (Kerby 2014).
    assert result.rank_biserial == pytest.approx(35 / 45)
    # The median of the 45 Walsh averages (R's "(pseudo)median" for this example is 0.46).
    assert result.hodges_lehmann == pytest.approx(0.46)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([1, 2, 3, 2, 1, 3, 2, 4, 2, 3], [2, 4, 3, 3, 1, 5, 3, 4, 3, 4]),  # ties and zeros, n ≤ 13
        (
            [1, 2, 2, 3, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 2, 3],
            [3, 3, 2, 4, 2, 4, 3, 3, 2, 2, 5, 3, 2, 1, 4, 4],
        ),
        (list(np.linspace(0, 1, 20)), list(np.linspace(0, 1, 20) + np.sin(np.arange(20)) + 0.3)),
    ],
    ids=["small-with-ties", "more-with-ties", "exact-distinct"],
)
def test_the_p_value_is_scipys_on_the_same_data(before: list[float], after: list[float]) -> None:
    method = p_method(np.subtract(after, before))
    expected = stats.wilcoxon(after, before, zero_method="wilcox", method=method)
    result = paired_test(before, after)
    assert result.p_method == method
    assert result.p_value == pytest.approx(float(expected.pvalue), rel=1e-12)
    assert result.statistic == pytest.approx(float(expected.statistic))


def test_ties_or_zeros_use_the_normal_approximation_and_distinct_changes_the_exact() -> None:
    assert p_method([1, 2, 3, -4, 5]) == "exact"
    assert p_method([1, 1, 3, -4, 5]) == "asymptotic"  # a tie
    assert p_method([0, 2, 3, -4, 5]) == "asymptotic"  # a zero
    assert p_method(list(range(1, 52))) == "asymptotic"  # more than 50


def test_everyone_up_one_step_is_an_effect_of_one_and_a_shift_of_one() -> None:
    result = paired_test([1, 2, 3, 2, 1, 3, 2, 4], [2, 3, 4, 3, 2, 4, 3, 5])
    assert result.rank_biserial == 1.0
    assert result.rank_biserial_ci == (1.0, 1.0)
    assert result.hodges_lehmann == 1.0
    assert result.hodges_lehmann_ci == (1.0, 1.0)
    assert result.higher == 8 and result.same == 0 and result.lower == 0
    assert result.p_value < 0.05


def test_symmetric_changes_are_no_effect_and_p_near_one() -> None:
    before = [3] * 10
    after = [4, 2, 5, 1, 4, 2, 5, 1, 4, 2]  # every change matched by its mirror
    result = paired_test(before, after)
    assert result.rank_biserial == pytest.approx(0.0)
    assert result.hodges_lehmann == pytest.approx(0.0)
    assert result.p_value == pytest.approx(1.0)
    low, high = result.rank_biserial_ci
    assert low < 0 < high


def test_no_one_changing_is_p_one_with_nothing_to_test() -> None:
    result = paired_test([2, 3, 4, 2, 3], [2, 3, 4, 2, 3])
    assert result.p_value == 1.0 and math.isnan(result.statistic)
    assert result.rank_biserial == 0.0 and result.same == 5


def test_rank_biserial_drops_zeros_before_ranking() -> None:
    # Non-zero changes +1, +2, −3: ranks 1, 2, 3 → (3 − 3) / 6 = 0, whatever the zeros.
    assert float(rank_biserial([0, 0, 1, 2, -3])) == pytest.approx(0.0)
    # +1, +1, −2: ranks 1.5, 1.5, 3 → (3 − 3) / 6.
    assert float(rank_biserial([1, 1, -2, 0])) == pytest.approx(0.0)
    assert float(rank_biserial([2, 1, 0, 3])) == 1.0


def test_the_shift_interval_is_where_the_signed_rank_test_stops_rejecting() -> None:
    """Is the Hodges–Lehmann interval the set of shifts the exact 5% test does not reject?"""
    d = np.array([0.35, -0.12, 0.9, 1.4, 0.05, 0.62, -0.4, 1.1, 0.77, 0.2, 1.9, 0.48])
    estimate, interval = hodges_lehmann(d)
    assert interval is not None
    low, high = interval
    assert low < estimate < high
    eps = 1e-6

    def p_at(shift: float) -> float:
        return float(stats.wilcoxon(d - shift, method="exact").pvalue)

    assert p_at(low + eps) > 0.05 and p_at(high - eps) > 0.05
    assert p_at(low - eps) <= 0.05 and p_at(high + eps) <= 0.05


def test_five_pairs_are_too_few_for_a_95_percent_shift_interval() -> None:
    assert hodges_lehmann([1, 2, 1, 1, 2])[1] is None
    assert hodges_lehmann([1, 2, 1, 1, 2, 1])[1] == (1.0, 2.0)


# -- pairs and suppression ------------------------------------------------------------------------


def test_four_pairs_are_suppressed_and_five_are_shown() -> None:
    four = compare_stages(ITEMS, _pairs([(1, 2)] * 4), "pre", "post")
    fishbone = four.items[0]
    assert fishbone.suppressed and fishbone.test is None and fishbone.n_pairs is None
    assert fishbone.sentences == ()
    five = compare_stages(ITEMS, _pairs([(1, 2)] * 5), "pre", "post")
    assert not five.items[0].suppressed and five.items[0].n_pairs == 5
    assert five.items[0].higher == 5
    assert "Of 5 people who answered both, 5 rated themselves higher" in five.items[0].sentences[0]


def test_unpaired_codes_and_other_stages_are_ignored() -> None:
    sheets = _pairs([(1, 3)] * 6)
    sheets += [_sheet(f"ONLY{n}", SurveyStage.PRE, {"fishbone": 1}) for n in range(7)]
    sheets += [_sheet(f"LATE{n}", SurveyStage.POST, {"fishbone": 5}) for n in range(7)]
    sheets += [_sheet("P000", SurveyStage.MID, {"fishbone": 5})]
    result = compare_stages(ITEMS, sheets, "pre", "post")
    assert result.items[0].n_pairs == 6
    assert result.items[0].test is not None and result.items[0].test.median_after == 3.0


def test_a_question_asked_only_at_follow_up_is_not_compared() -> None:
    result = compare_stages(ITEMS, _pairs([(1, 2)] * 6), "pre", "post")
    assert [r.item_id for r in result.items] == ["fishbone", "confident"]


def test_a_missing_stage_is_suppressed_not_an_error() -> None:
    result = compare_stages(ITEMS, _pairs([(1, 2)] * 6), "pre", "follow-up")
    assert all(r.suppressed and r.n_pairs == 0 for r in (result.overall, *result.items))


def test_the_overall_score_uses_the_questions_answered_both_times() -> None:
    sheets = []
    for number in range(5):
        code = f"Q{number:03d}"
        sheets.append(_sheet(code, SurveyStage.PRE, {"fishbone": 1, "confident": 5}))
        # "confident" skipped after: overall compares fishbone alone (1 → 3).
        sheets.append(_sheet(code, SurveyStage.POST, {"fishbone": 3}))
    result = compare_stages(ITEMS, sheets, "pre", "post")
    assert result.overall.test is not None
    assert result.overall.test.median_before == 1.0 and result.overall.test.median_after == 3.0
    assert result.items[1].suppressed


def test_small_cells_are_hidden_and_one_more_when_one_alone_is() -> None:
    assert suppress_counts({"higher": 17, "same": 6, "lower": 0}) == {
        "higher": 17,
        "same": 6,
        "lower": 0,
    }
    # Only "lower" is small: "same" (the next smallest) goes too, or 23 − 17 − 6 gives it away.
    assert suppress_counts({"higher": 17, "same": 6, "lower": 2}) == {
        "higher": 17,
        "same": None,
        "lower": None,
    }
    assert suppress_counts({"higher": 9, "same": 3, "lower": 2}) == {
        "higher": 9,
        "same": None,
        "lower": None,
    }


def test_a_hidden_count_is_named_as_hidden_never_as_a_number() -> None:
    result = compare_stages(
        ITEMS, _pairs([(1, 2)] * 17 + [(3, 3)] * 6 + [(4, 3)] * 2), "pre", "post"
    )
    fishbone = result.items[0]
    assert (fishbone.higher, fishbone.same, fishbone.lower) == (17, None, None)
    assert fishbone.sentences[0].startswith(
        "Of 25 people who answered both, 17 rated themselves higher after the programme. How "
        "many stayed the same or went lower is not shown, to protect small groups."
    )


def test_a_count_hidden_only_to_protect_another_is_not_called_small() -> None:
    """Is a large count hidden by secondary suppression never said to be "fewer than 5"?"""
    result = compare_stages(
        ITEMS, _pairs([(1, 2)] * 9 + [(3, 3)] * 6 + [(4, 3)] * 2), "pre", "post"
    )
    fishbone = result.items[0]
    assert (fishbone.higher, fishbone.same, fishbone.lower) == (9, None, None)
    assert "fewer than 5" not in fishbone.sentences[0]


def test_response_rates_hide_stages_of_fewer_than_5() -> None:
    sheets = _pairs([(1, 2)] * 4) + [
        _sheet(f"X{n:03d}", SurveyStage.PRE, {"fishbone": 1}) for n in range(3)
    ]
    rates = response_rates(sheets)
    assert rates.people == 7
    by_stage = {row.stage: row for row in rates.stages}
    assert by_stage[SurveyStage.PRE].count == 7 and by_stage[SurveyStage.PRE].share == 1.0
    assert by_stage[SurveyStage.POST].count is None
    assert SUPPRESSED in by_stage[SurveyStage.POST].sentence
    assert by_stage[SurveyStage.MID].count == 0


def test_text_answers_are_counted_never_kept() -> None:
    sheets = [
        _sheet(f"T{n:03d}", SurveyStage.POST, {"anything": "<script>x</script> ward 3"})
        for n in range(5)
    ]
    (count,) = text_counts(ITEMS, sheets, (SurveyStage.POST,))
    assert count.answered == 5
    assert "ward 3" not in count.sentence and "script" not in count.sentence
    assert text_counts(ITEMS, sheets[:4], (SurveyStage.POST,))[0].answered is None


def test_follow_up_reports_the_still_involved_answers_with_small_cells_hidden() -> None:
    sheets = [
        _sheet(f"F{n:03d}", SurveyStage.FOLLOW_UP, {"still_involved": score})
        for n, score in enumerate([5] * 6 + [4] * 5 + [2] * 1)
    ]
    result = follow_up(ITEMS, sheets)
    assert result.answered == 12
    assert result.involved == 11
    # 1 person said "A little": hidden, and so is the next smallest count (5 × "Mostly"); then
    # 11 involved minus 6 "Completely" would give the 5 back, so that goes too.
    assert result.distribution == (0, None, 0, None, None)
    assert "11 said they are still taking part" in result.sentence


def test_a_still_involved_cell_cannot_be_worked_out_from_the_total() -> None:
    sheets = [
        _sheet(f"F{n:03d}", SurveyStage.FOLLOW_UP, {"still_involved": score})
        for n, score in enumerate([5] * 4 + [4] * 6 + [3] * 6)
    ]
    result = follow_up(ITEMS, sheets)
    # 10 still involved and 6 "Mostly" would give away the 4 "Completely": both are hidden.
    assert result.involved == 10
    assert result.distribution[3:] == (None, None)


# -- the teams ----------------------------------------------------------------------------------


#: A finished cycle: every stage written.
DONE = {
    "title": "Done",
    "status": PdsaStatus.DONE,
    "prediction": "Quicker",
    "what_happened": "It was",
    "result_vs_prediction": "As predicted",
    "next_step": "Keep it",
}


def test_a_team_outcome_counts_cycles_run_and_adopted() -> None:
    project = Project.of(
        [
            Measure(record_id="m1", name="Wait", measure_type=MeasureType.OUTCOME),
            PdsaCycle(record_id="c1", title="One", status=PdsaStatus.PLAN),
            PdsaCycle(record_id="c2", title="Two", status=PdsaStatus.DO, prediction="Quicker"),
            PdsaCycle(record_id="c3", decision=PdsaDecision.ADOPT, **DONE),
            PdsaCycle(record_id="c4", decision=PdsaDecision.ABANDON, **DONE),
        ]
    )
    outcome = team_outcome(project, "porters", 2.5)
    assert (outcome.cycles, outcome.cycles_run, outcome.cycles_adopted) == (4, 3, 1)
    assert outcome.main_measure == "Wait" and not outcome.improved
    assert outcome.confirmed_score == 2.5


def test_engagement_counts_changes_per_team_per_week_with_empty_weeks() -> None:
    result = engagement(
        {
            "a": ["2027-01-11T09:00:00+00:00", "2027-01-13T09:00:00+00:00"],
            "b": ["2027-01-27T09:00:00+00:00"],
        }
    )
    assert [w.isoformat() for w in result.weeks] == ["2027-01-11", "2027-01-18", "2027-01-25"]
    assert result.per_team == {"a": (2, 0, 0), "b": (0, 0, 1)}
    assert result.totals == (2, 0, 1)

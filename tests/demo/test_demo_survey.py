"""Does the demo cohort get a realistic, repeatable skills survey that the evaluation can read?"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from qikit.cohort.survey_items import cohort_survey_items
from qikit.core.model import SurveyStage
from qikit.core.survey import ItemKind
from qikit.demo.cohort import prepare_demo
from qikit.demo.survey import DEMO_CODES, FOLLOW_UP_ITEM, SCALE_ITEMS, TEXT_ITEMS, add_demo_survey
from qikit.layout import COHORT_SCOPE
from qikit.store import open_store
from qikit.store.survey import load_survey_responses, save_survey_answers


def test_the_demo_answers_the_default_questions_at_their_points(tmp_path: Path) -> None:
    items = cohort_survey_items(tmp_path)  # no items file: the shipped default
    scale = {i.item_id for i in items.scale_items()}
    assert set(SCALE_ITEMS) | {FOLLOW_UP_ITEM} == scale
    assert items.item(FOLLOW_UP_ITEM).stages == (SurveyStage.FOLLOW_UP,)  # type: ignore[union-attr]
    texts = {i.item_id: i.stages for i in items.items if i.kind is ItemKind.TEXT}
    assert set(TEXT_ITEMS) == set(texts)
    assert all(set(TEXT_ITEMS[key]) == set(stages) for key, stages in texts.items())


def test_thirty_people_answer_before_and_fewer_at_each_later_point(tmp_path: Path) -> None:
    with open_store(tmp_path / "qikit.db") as store:
        add_demo_survey(store)
        responses = load_survey_responses(store)
    by_stage = Counter(r.stage for r in responses)
    assert len(DEMO_CODES) == 30 and by_stage[SurveyStage.PRE] == 30
    assert 15 <= by_stage[SurveyStage.MID] <= 27
    assert 12 <= by_stage[SurveyStage.POST] <= 24
    assert 6 <= by_stage[SurveyStage.FOLLOW_UP] <= 18
    assert any(isinstance(v, str) for r in responses for v in r.answers.values())
    # Most rise by the end, a few fall: the evaluation has something real to say.
    before = {r.participant_code: r.answers for r in responses if r.stage is SurveyStage.PRE}
    changes = [
        int(r.answers["plan_pdsa"]) - int(before[r.participant_code]["plan_pdsa"])
        for r in responses
        if r.stage is SurveyStage.POST
        and "plan_pdsa" in r.answers
        and "plan_pdsa" in before[r.participant_code]
    ]
    assert sum(c > 0 for c in changes) > len(changes) / 2 and any(c < 0 for c in changes)


def test_adding_the_demo_survey_twice_changes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "qikit.db") as store:
        first = add_demo_survey(store)
        again = add_demo_survey(store)
        rows = store.team_history(COHORT_SCOPE, ["survey"])
    assert first == again and len(rows) == first


def test_the_demo_cohort_gets_the_survey_only_when_it_has_none(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    prepare_demo(folder)
    with open_store(folder / "qikit.db") as store:
        assert len({r.participant_code for r in load_survey_responses(store)}) == 30
    other = tmp_path / "other"
    other.mkdir()
    with open_store(other / "qikit.db") as store:
        save_survey_answers(store, "REAL01", "pre", {"plan_pdsa": 2}, author="someone")
    prepare_demo(other)
    with open_store(other / "qikit.db") as store:
        assert [r.participant_code for r in load_survey_responses(store)] == ["REAL01"]

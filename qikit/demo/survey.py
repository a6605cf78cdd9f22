"""Simulated skills-survey answers for the example cohort, so its evaluation report has data.

Thirty anonymous codes: everyone answers before the programme, about 70 % halfway, 60 % at the
end and 40 % months later. Most people rate themselves 0 to 2 steps higher by the end, a few
lower; some write a few words. Everything is drawn from one seeded generator with fixed times,
so adding the demo survey twice writes nothing new (the store saves only what differs).

The demo may not read YAML (nor import the evidence layer), so the default questions' ids are
listed here; a test checks them against ``cohort_templates/survey_items.yaml``.
"""

from __future__ import annotations

import random

from qikit.core.model import SurveyStage
from qikit.store.base import Store
from qikit.store.survey import save_survey_answers

__all__ = ["DEMO_CODES", "SCALE_ITEMS", "TEXT_ITEMS", "add_demo_survey"]

#: Who the simulated sheets are saved by (shown in their history).
DEMO_SURVEY_AUTHOR = "qikit demo survey"
#: The default questions answered on the scale, asked at every point.
SCALE_ITEMS = (
    "explain_qi",
    "model_for_improvement",
    "measure_choice",
    "read_run_chart",
    "draw_fishbone",
    "map_process",
    "plan_pdsa",
    "aim_statement",
    "confident_suggest",
    "voice_heard",
    "qi_is_for_me",
)
#: The scale question asked only at follow-up.
FOLLOW_UP_ITEM = "still_involved"
#: The free-text questions, and the points that ask them.
TEXT_ITEMS: dict[str, tuple[SurveyStage, ...]] = {
    "hopes": (SurveyStage.PRE,),
    "best_thing": (SurveyStage.MID, SurveyStage.POST),
    "still_involved_how": (SurveyStage.FOLLOW_UP,),
    "anything_else": tuple(SurveyStage),
}
#: How many people, and the share who answer at each later point.
PEOPLE = 30
SHARES = {SurveyStage.MID: 0.7, SurveyStage.POST: 0.6, SurveyStage.FOLLOW_UP: 0.4}
#: When each point's sheets were saved (the example cohort's calendar).
TIMES = {
    SurveyStage.PRE: "2027-01-11T11:00:00+00:00",
    SurveyStage.MID: "2027-05-17T11:00:00+00:00",
    SurveyStage.POST: "2027-09-20T11:00:00+00:00",
    SurveyStage.FOLLOW_UP: "2028-03-20T11:00:00+00:00",
}
SEED = 2027
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: easy to read off a card
_WORDS = {
    "hopes": ["To fix the lift delays", "Learn something new", "Get listened to"],
    "best_thing": ["The fishbone day", "Counting our waits", "Working as a team"],
    "still_involved_how": ["A new project on ward 5", "Helping the next cohort"],
    "anything_else": ["Thank you", "More time off the floor for this please"],
}


def _codes(rng: random.Random) -> list[str]:
    codes: list[str] = []
    while len(codes) < PEOPLE:
        code = "".join(rng.choice(_LETTERS) for _ in range(6))
        if code not in codes:
            codes.append(code)
    return codes


DEMO_CODES: tuple[str, ...] = tuple(_codes(random.Random(SEED)))


def _clip(value: int) -> int:
    return max(1, min(5, value))


def _sheets(rng: random.Random) -> list[tuple[str, SurveyStage, dict[str, int | str]]]:
    """Return every simulated sheet as (code, stage, answers), in a fixed order."""
    sheets: list[tuple[str, SurveyStage, dict[str, int | str]]] = []
    for code in DEMO_CODES:
        start = {item: _clip(rng.choice((1, 1, 2, 2, 2, 3))) for item in SCALE_ITEMS}
        # How far this person grows by the end: mostly 0 to 2 steps, sometimes a drop.
        growth = rng.choices((-1, 0, 1, 2), weights=(1, 2, 5, 4))[0]
        later = {
            SurveyStage.MID: {
                i: _clip(v + rng.choice((0, 0, 1)) * (growth > 0)) for i, v in start.items()
            },
            SurveyStage.POST: {
                i: _clip(v + growth + rng.choice((-1, 0, 0, 0, 1))) for i, v in start.items()
            },
        }
        later[SurveyStage.FOLLOW_UP] = {
            i: _clip(v - rng.choice((0, 0, 0, 1))) for i, v in later[SurveyStage.POST].items()
        }
        stages = [SurveyStage.PRE] + [s for s, share in SHARES.items() if rng.random() < share]
        for stage in stages:
            answers: dict[str, int | str] = dict(
                start if stage is SurveyStage.PRE else later[stage]
            )
            if rng.random() < 0.1:  # a question left unanswered
                answers.pop(rng.choice(SCALE_ITEMS))
            if stage is SurveyStage.FOLLOW_UP:
                answers[FOLLOW_UP_ITEM] = _clip(3 + growth + rng.choice((-1, 0, 1)))
            for item, asked in TEXT_ITEMS.items():
                if stage in asked and rng.random() < 0.25:
                    answers[item] = rng.choice(_WORDS[item])
            sheets.append((code, stage, answers))
    return sheets


def add_demo_survey(store: Store, *, author: str = DEMO_SURVEY_AUTHOR) -> int:
    """Save the simulated survey sheets into ``store``; return how many sheets there are."""
    sheets = _sheets(random.Random(SEED + 1))
    for code, stage, answers in sheets:
        save_survey_answers(store, code, stage, answers, author=author, at=TIMES[stage])
    return len(sheets)

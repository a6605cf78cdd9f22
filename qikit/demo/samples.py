"""A realistic sample project for one team: the porters' X-ray waits, with every tool filled in.

Used by the workbook tests (a cohort with real content on every page), and meant for ``make
demo`` and trainers' live demonstrations. The content is what a portering team might write in
their first months of QI: a charter with a full SMART aim, five voted causes, a six-step process
map with its problems marked, one outcome measure of 20 weekly points that drops after the team's
change (a shift a run chart finds), a driver diagram, two PDSA cycles with decisions and comments
from the team's mentor, and three porters' reflections for their evidence packs.

Everything is fixed (dates, record ids), so building the project twice writes nothing new: the
store saves only the fields that differ. No ipywidgets, no matplotlib.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from qikit.core.model import (
    Cause,
    ChangeIdea,
    Charter,
    Driver,
    DriverLevel,
    Feedback,
    FeedbackTopic,
    Fishbone,
    Improvement,
    Measure,
    MeasureType,
    Member,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Point,
    ProcessMap,
    Project,
    Record,
    Reflection,
    Step,
    StepProblem,
    StepType,
    Team,
    slugify,
)
from qikit.store.base import Store
from qikit.store.records import load_project, save_record

__all__ = [
    "SAMPLE_AUTHOR",
    "SAMPLE_TEAM_NAME",
    "build_sample_project",
    "sample_records",
    "sample_team",
]

#: Who the sample records are saved by (shown in their history).
SAMPLE_AUTHOR = "qikit sample data"
SAMPLE_TEAM_NAME = "X-ray porters"
#: The Monday of the first week of data.
FIRST_WEEK = dt.date(2026, 1, 5)
#: Average minutes from a ward's request to the patient leaving the ward, week by week. The
#: team's change (job requests on a tablet) starts in week 11: the last 10 weeks all sit below
#: the median, a shift a run chart finds.
WEEKLY_MINUTES = (
    41, 38, 44, 39, 42, 40, 37, 43, 41, 39,
    33, 31, 30, 34, 29, 32, 30, 28, 31, 29,
)  # fmt: skip
CHANGE_WEEK = 11

MEASURE_ID = "sample-wait"
IDEA_TABLET = "sample-idea-tablet"


def _week(number: int) -> dt.date:
    """Return the Monday of week ``number`` (1 = the first week of data)."""
    return FIRST_WEEK + dt.timedelta(weeks=number - 1)


def sample_team(slug: str, name: str = SAMPLE_TEAM_NAME) -> Team:
    """Return the sample team record under ``slug``: members, roles and a mentor."""
    return Team(
        name=name,
        slug=slug,
        department="Portering and Facilities",
        members=(
            Member("Amy Clarke", "Porter and team lead"),
            Member("Tom Okafor", "Porter"),
            Member("Priya Shah", "Porter"),
            Member("Dave Hughes", "Portering supervisor"),
            Member("Jo Bennett", "Porters' desk"),
        ),
        mentor="Sam Patel",
    )


def _charter() -> Charter:
    return Charter(
        problem=(
            "Patients going to X-ray wait too long for a porter. From the ward's phone call to "
            "the patient leaving the ward takes about 40 minutes on average."
        ),
        why_it_matters=(
            "Patients miss their scan slot and have to be fitted in later. Nurses ring the desk "
            "again and again to chase us, and the X-ray team sits waiting."
        ),
        scope="Requests from wards 3 and 4 to X-ray, Monday to Friday, 8am to 6pm.",
        aim_what="reduce the time patients wait for a porter to X-ray",
        aim_how_much="from 40 to 25 minutes",
        aim_for_whom="patients on wards 3 and 4",
        aim_by_when="2026-06-30",
    )


_VOTERS = ("Amy Clarke", "Tom Okafor", "Priya Shah", "Dave Hughes", "Jo Bennett")
#: (id, category, cause, number of votes)
_CAUSES = (
    ("sample-cause-paper", "Methods", "Requests come by phone and go on scraps of paper", 5),
    ("sample-cause-staff", "People", "Not enough porters on the early shift", 4),
    ("sample-cause-chairs", "Equipment", "Wheelchairs are never where we expect them", 3),
    ("sample-cause-lift", "Environment", "The main lift is slow and often out of order", 2),
    ("sample-cause-oxygen", "Communication", "Wards do not say if the patient needs oxygen", 1),
)  # fmt: skip


def _causes() -> list[Record]:
    return [
        Fishbone(effect="Patients wait too long for a porter to take them to X-ray"),
        *(
            Cause(record_id=rid, category=category, text=cause_text, votes=_VOTERS[:votes])
            for rid, category, cause_text, votes in _CAUSES
        ),
    ]


#: The process map, one step a row, in order (step n is "sample-step-n"): (type of step, what
#: happens, the problem marked on it or None, the note about that problem).
_STEPS = (
    (StepType.START_END, "The ward phones the porters' desk", None, ""),
    (StepType.TASK, "The desk writes the job on the whiteboard", StepProblem.HAND_OFF,
     "Jobs get missed when the board is busy or the writing is unclear."),
    (StepType.WAIT, "The porter looks for a wheelchair", StepProblem.DELAY,
     "Often 10 minutes searching other floors."),
    (StepType.DECISION, "Is the patient ready to go?", StepProblem.REWORK,
     "About 1 patient in 5 is not ready, so the job goes back on the board."),
    (StepType.TASK, "Take the patient to X-ray in the lift", StepProblem.DELAY,
     "The main lift is slow."),
    (StepType.START_END, "The patient arrives at X-ray", None, ""),
)  # fmt: skip
#: Where each decision step leads: step number -> (next step if yes, next step if no).
_DECISIONS = {4: ("sample-step-5", "sample-step-2")}


def _process_map() -> list[Record]:
    return [
        ProcessMap(title="Taking a patient from the ward to X-ray"),
        *(
            Step(
                record_id=f"sample-step-{number}",
                position=number,
                step_type=step_type,
                text=text,
                yes_next=_DECISIONS.get(number, (None, None))[0],
                no_next=_DECISIONS.get(number, (None, None))[1],
                problem=problem,
                problem_note=note,
            )
            for number, (step_type, text, problem, note) in enumerate(_STEPS, start=1)
        ),
    ]


def _measure() -> list[Record]:
    measure = Measure(
        record_id=MEASURE_ID,
        name="Minutes from request to patient leaving the ward",
        measure_type=MeasureType.OUTCOME,
        operational_definition=(
            "For every X-ray request from wards 3 and 4 the desk writes down the time of the "
            "call and the time the porter leaves the ward with the patient. Each week we take "
            "the average of those minutes."
        ),
        unit="minutes",
        target=25,
        improvement=Improvement.DECREASE,
        chart="run",
    )
    notes = {CHANGE_WEEK: "Job requests on a tablet started on ward 3", 6: "Two porters off sick"}
    points = [
        Point(
            record_id=f"sample-point-{week:02d}",
            measure_id=MEASURE_ID,
            date=_week(week),
            value=float(minutes),
            note=notes.get(week, ""),
        )
        for week, minutes in enumerate(WEEKLY_MINUTES, start=1)
    ]
    return [measure, *points]


#: The driver diagram's drivers: (id, driver, the primary driver it hangs from or None for a
#: primary driver, position in its column).
_DRIVERS = (
    ("sample-driver-know", "Porters hear about jobs straight away", None, 1),
    ("sample-driver-ready", "Everything is ready when the porter arrives", None, 2),
    ("sample-driver-one-way", "One clear way to ask for a porter", "sample-driver-know", 1),
    ("sample-driver-chairs", "Wheelchairs kept in a known place", "sample-driver-ready", 2),
    ("sample-driver-patient", "The patient is ready before the ward calls",
     "sample-driver-ready", 3),
)  # fmt: skip
#: The change ideas: (id, change idea, the driver it is linked to).
_IDEAS = (
    (IDEA_TABLET, "Job requests on a tablet instead of the phone", "sample-driver-one-way"),
    ("sample-idea-chair-park", "A wheelchair park next to each lift", "sample-driver-chairs"),
    ("sample-idea-ready-tick", "The ward ticks “patient ready” before it calls",
     "sample-driver-patient"),
)  # fmt: skip


def _driver_diagram() -> list[Record]:
    drivers = [
        Driver(
            record_id=rid,
            text=text,
            level=DriverLevel.PRIMARY if parent_id is None else DriverLevel.SECONDARY,
            parent_id=parent_id,
            position=position,
        )
        for rid, text, parent_id, position in _DRIVERS
    ]
    ideas = [
        ChangeIdea(record_id=rid, text=text, driver_id=driver_id) for rid, text, driver_id in _IDEAS
    ]
    return [*drivers, *ideas]


#: The two PDSA cycles side by side, field by field: (the first cycle, the second cycle). Both
#: test the tablet idea against the wait measure and are finished.
_PDSA: dict[str, tuple[Any, Any]] = {
    "title": ("A tablet on ward 3 for one week",
              "Tablets with chargers on wards 3 and 4 for two weeks"),
    "objective": ("See if a tablet gets jobs to porters faster than the phone.",
                  "Check the tablet works on two wards when it is always charged."),
    "question": ("Will jobs reach a porter faster if ward 3 sends them on a tablet?",
                 "Does the wait stay down with two wards using tablets?"),
    "prediction": ("Jobs will reach a porter within 2 minutes, and the wait will drop.",
                   "The weekly average wait will stay near 30 minutes."),
    "who": ("Amy and the ward 3 nurses", "Amy, Tom and the nurses on wards 3 and 4"),
    "what": ("Ward 3 sends every X-ray job on the tablet; the desk tablet beeps.",
             "Both wards send X-ray jobs on a tablet kept on its charger."),
    "when": ("One week", "Two weeks"),
    "where": ("Ward 3 and the porters' desk", "Wards 3 and 4"),
    "data_to_collect": ("Time of each request and time the patient leaves the ward.",
                        "The same times as before."),
    "what_happened": ("28 jobs were sent on the tablet. Two were missed because the tablet's "
                      "battery ran flat.",
                      "No jobs were missed. The wait stayed at about 30 minutes."),
    "surprises": ("The nurses liked seeing which porter was on the way.",
                  "Ward 4 started adding “needs oxygen” to the job without being asked."),
    "result_vs_prediction": ("Most jobs reached a porter within 2 minutes, as we predicted. The "
                             "flat battery was a problem we had not thought of.",
                             "As we predicted: the wait stayed down on both wards."),
    "decision": (PdsaDecision.ADAPT, PdsaDecision.ADOPT),
    "next_step": ("Put a charger on the ward and test on wards 3 and 4.",
                  "Ask the facilities manager for tablets on every ward."),
    "started_on": (_week(CHANGE_WEEK), _week(CHANGE_WEEK + 2)),
    "finished_on": (_week(CHANGE_WEEK) + dt.timedelta(days=6),
                    _week(CHANGE_WEEK + 3) + dt.timedelta(days=6)),
}  # fmt: skip


def _pdsa_cycles() -> list[Record]:
    return [
        PdsaCycle(
            record_id=f"sample-pdsa-{number}",
            change_idea_id=IDEA_TABLET,
            measure_ids=(MEASURE_ID,),
            status=PdsaStatus.DONE,
            **{field: values[number - 1] for field, values in _PDSA.items()},
        )
        for number in (1, 2)
    ]


#: The comments: (id, about, author, when, text, fields that are not the default). The mentor
#: writes the first two (the team has read the first); the team replies to the second.
_FEEDBACK = (
    ("sample-feedback-1", FeedbackTopic.CHARTER, "Sam Patel", "2026-01-16T10:15:00+00:00",
     "Your aim is clear and has all four parts. Well done!",
     {"read": True, "from_mentor": True}),
    ("sample-feedback-2", FeedbackTopic.MEASURES, "Sam Patel", "2026-03-27T14:30:00+00:00",
     "Your run chart shows a real change since the tablets. Next, count how many jobs are "
     "missed each week, so you know the tablets do not cause a new problem.",
     {"from_mentor": True}),
    ("sample-feedback-3", FeedbackTopic.TEAM, "Amy Clarke", "2026-03-28T09:00:00+00:00",
     "Thanks Sam, we will start counting missed jobs on Monday.",
     {"reply_to": "sample-feedback-2"}),
)  # fmt: skip


def _feedback() -> list[Record]:
    return [
        Feedback(record_id=rid, about=about, author=author, at=at, text=text, **extra)
        for rid, about, author, at, text, extra in _FEEDBACK
    ]


#: Reflections for the accreditation portfolio, one per porter: written by the demo cohort's
#: porters (the example template's team) and by Jo Bennett, who is in the sample team too.
#: (member, role, learned, skills, differently, next)
_REFLECTIONS = (
    ("Ana Silva",
     "I timed every X-ray job on the early shift for ten weeks and put the times on our chart.",
     "That the same problem looks different from the ward and from the porters' desk. Small "
     "tests told us quickly whether an idea worked, before we changed everything.",
     "A run chart. I added each week's time and we saw the last ten weeks all below the middle "
     "line, so we knew the tablet had really helped.",
     "Ask the night shift from the start: they had ideas we only heard about in week 12.",
     "I will time the wheelchair search on my own shifts and try one small change a month."),
    ("Mark Hughes",
     "I went to wards 3 and 4 with the tablet and showed the nurses how to send a job.",
     "People try a change when they can see it helps them. Predicting what will happen first "
     "makes you look at the results properly.",
     "A PDSA cycle. We planned the tablet test on ward 3 for one week, wrote down what we "
     "expected, then compared it with what happened.",
     "Start measuring sooner, before we had ideas, so we had more weeks to compare with.",
     "I want to test a better way to hand over jobs at the change of shift."),
    ("Jo Bennett",
     "I ran our team meetings and took the jobs at the porters' desk during the tests.",
     "A fishbone gets everybody's causes on the table, and voting stops the loudest person "
     "deciding for the team.",
     "A fishbone diagram. I drew it with the team on the whiteboard and then typed it in, and "
     "we voted for the three causes to work on.",
     "Book the meetings further ahead so more of the team can come.",
     "I will help the catering team with their fishbone next month."),
)  # fmt: skip


def _reflections() -> list[Record]:
    at = "2026-05-29T15:00:00+00:00"
    return [
        Reflection(
            record_id=slugify(member),
            member=member,
            role=role,
            learned=learned,
            skills=skills,
            differently=differently,
            next=next_step,
            at=at,
        )
        for member, role, learned, skills, differently, next_step in _REFLECTIONS
    ]


def sample_records() -> list[Record]:
    """Return every record of the sample project except the team record, in a fixed order."""
    return [
        _charter(),
        *_causes(),
        *_process_map(),
        *_measure(),
        *_driver_diagram(),
        *_pdsa_cycles(),
        *_feedback(),
        *_reflections(),
    ]


def build_sample_project(store: Store, team: str, *, author: str = SAMPLE_AUTHOR) -> Project:
    """Return the team's project after saving the sample records into ``store`` for ``team``.

    A team record is saved too when the store has none for ``team`` (an existing one — its
    name, members and mentor — is kept). Running it again changes nothing.
    """
    if store.get(team, "team", "main") is None:
        save_record(store, team, sample_team(team), author=author)
    for record in sample_records():
        save_record(store, team, record, author=author)
    return load_project(store, team)

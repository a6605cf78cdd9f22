"""Words for the PDSA log: labels, help and a worked example from a porters' team.

Plain English, short sentences, second person. The example is plain data so this module stays
pure; :mod:`qikit.render.pdsa` turns it into a small project.
"""

from __future__ import annotations

TITLE = "PDSA log: small tests of your change ideas"

WHAT_IS_IT = (
    "PDSA stands for Plan, Do, Study, Act. It is a small, quick test of one change idea.\n\n"
    "Plan: decide what you will try, and write down what you think will happen (your "
    "prediction).\n\n"
    "Do: try it, on a small scale. Note what happened and anything that surprised you.\n\n"
    "Study: compare what happened with your prediction.\n\n"
    "Act: decide. Adopt it (keep doing it), adapt it (change it and test again) or abandon it "
    "(stop: it did not work).\n\n"
    "Several small cycles, one after another, make a ramp: each test builds on the last."
)

HOW_TO = (
    "Start a cycle from one of your change ideas, or from scratch.\n\n"
    "Fill in the Plan. Keep the test small: one porter, one ward, one morning is plenty.\n\n"
    "Write your prediction before you try anything. The Do, Study and Act parts open once you "
    "have.\n\n"
    "Press “Move on to Do” when you are ready to try it, and so on for each step.\n\n"
    "Tick the measures this test should move. If you adopt the change, you can mark a new "
    "phase on the measure's chart so you can see the difference. Everything saves by itself "
    "when you leave a box."
)

EXAMPLE_INTRO = (
    "This is how the portering team tested their “Ready for porter” card. Yours will be "
    "different: it is only an example."
)

# The stages, in words (the stored values are plan/do/study/act/done).
STAGE_WORDS: dict[str, str] = {
    "plan": "Plan: getting ready",
    "do": "Do: trying it out",
    "study": "Study: looking at what happened",
    "act": "Act: deciding what next",
    "done": "Finished",
}
#: The label of the button that moves a cycle on from each stage.
MOVE_ON: dict[str, str] = {
    "plan": "Move on to Do",
    "do": "Move on to Study",
    "study": "Move on to Act",
    "act": "Mark this cycle as finished",
}
GO_BACK = "Go back one step"
FINISHED_NOTE = "This cycle is finished. Start a new cycle to build on what you learned."

DECISION_WORDS: dict[str, str] = {
    "adopt": "Adopt: keep doing it",
    "adapt": "Adapt: change it and test again",
    "abandon": "Abandon: stop, it did not work",
}
#: Short forms drawn on the ramp.
DECISION_SHORT: dict[str, str] = {
    "adopt": "✓ Adopt",
    "adapt": "↻ Adapt",
    "abandon": "✗ Abandon",
}
NO_DECISION = "No decision yet"

# Section headings and labels (each label is also the accessible name of its control).
START_HEADING = "Start a new cycle"
NEW_IDEA = "Change idea to test"
NEW_TITLE = "Name this test"
NEW_TITLE_PLACEHOLDER = "for example: Ready card on ward 3, one morning"
START = "Start a new PDSA cycle"
FROM_SCRATCH = "None: start from scratch"
LIST_HEADING = "All your cycles"
RAMP_HEADING = "Your ramps: cycles for each change idea"
OPEN_CYCLE = "Open a cycle"
NO_CYCLES = "You have no PDSA cycles yet. Start one above."
NOTHING_OPEN = "Pick a cycle above, or start a new one, to fill it in."
UNLINKED_IDEA = "Not linked to a change idea"

TITLE_LABEL = "Name of this test"
IDEA_LABEL = "Change idea it tests"
MEASURES_LABEL = "Measures this test should move (tick all that apply)"
NO_MEASURES = "You have no measures yet. Add them in the measures tool, then tick them here."
STARTED_LABEL = "Start date"
FINISHED_LABEL = "Finish date"
DELETE = "Delete this cycle"

PLAN_HEADING = "Plan"
DO_HEADING = "Do"
STUDY_HEADING = "Study"
ACT_HEADING = "Act"

FIELD_LABELS: dict[str, str] = {
    "objective": "What do you want to find out?",
    "question": "The question this test answers",
    "prediction": "Your prediction: what do you think will happen?",
    "who": "Who will do it?",
    "what": "What will they do?",
    "when": "When?",
    "where": "Where?",
    "data_to_collect": "What will you count or note down?",
    "what_happened": "What happened?",
    "surprises": "Anything that surprised you?",
    "result_vs_prediction": "What happened, compared with your prediction?",
    "next_step": "Your next step",
}
DECISION_LABEL = "Your decision"
PREDICTION_BESIDE = "Your prediction was:"
NO_PREDICTION = "(no prediction written)"

LOCKED = (
    "Locked until you write your prediction in the Plan above. Writing down what you expect "
    "before you try it is how you learn from the test."
)
PHASE_BUTTON = "Mark a new phase on the chart of {measure}"
PHASE_NONE = (
    "You adopted this change. Tick a measure above to mark a new phase on its chart, so you "
    "can see the change there."
)
PHASE_DONE = "Done: the chart of {measure} now starts a new phase on {day}."
PHASE_ALREADY = "The chart of {measure} already starts a new phase on {day}. Nothing changed."
DELETED = "Cycle deleted. If that was a mistake, your mentor can bring it back from the history."
STARTED = "New cycle started: fill in the Plan below."
TESTING_PREFIX = "Testing: "
UNTITLED = "Untitled cycle"

#: The progress marker: one letter per stage, and the words for where each stage stands.
MARKER_LETTERS = ("P", "D", "S", "A")
MARKER_DONE = "✓"
MARKER_NOW = "●"
MARKER_NOT_YET = "○"
MARKER_KEY = "✓ done, ● now, ○ not yet"


#: The worked example: the portering team's cycles testing the "Ready for porter" card.
EXAMPLE_IDEA = "A “Ready for porter” card on the bed table"
EXAMPLE_MEASURE = "Minutes from X-ray request to patient leaving the ward"
#: One dict of PdsaCycle fields per cycle, oldest first.
EXAMPLE_CYCLES: tuple[dict[str, str], ...] = (
    {
        "title": "Card on 2 beds, ward 3, one morning",
        "status": "done",
        "objective": "See if the card helps the nurse get the patient ready before we arrive.",
        "question": "Will the patient be ready when the porter gets there?",
        "prediction": "Both patients will be ready, and we will not wait at the bed.",
        "who": "Dev (porter) and Sister Okafor",
        "what": "Put the card on the bed table when the X-ray request comes in.",
        "when": "Tuesday morning, 8 to 12",
        "where": "Ward 3, beds 4 and 7",
        "data_to_collect": "Minutes waiting at the bed for each job.",
        "what_happened": "One patient was ready. The other card was hidden under a food tray.",
        "surprises": "The night staff did not know what the card meant.",
        "result_vs_prediction": "We predicted 2 of 2 ready; 1 of 2 was. Waits were 0 and 12 "
        "minutes.",
        "decision": "adapt",
        "next_step": "Make the card bright yellow and clip it to the bed rail. Tell night staff.",
        "started_on": "2026-02-03",
        "finished_on": "2026-02-03",
    },
    {
        "title": "Yellow card on the bed rail, ward 3, one week",
        "status": "done",
        "prediction": "Most patients will be ready; waits at the bed under 5 minutes.",
        "result_vs_prediction": "9 of 11 ready; average wait 3 minutes. Better than we thought.",
        "decision": "adopt",
        "next_step": "Use it on ward 3 for good, and try it on ward 4.",
        "started_on": "2026-02-09",
        "finished_on": "2026-02-13",
    },
    {
        "title": "Yellow card on wards 3 and 4",
        "status": "do",
        "prediction": "Ward 4 will match ward 3 within two weeks.",
        "started_on": "2026-02-23",
    },
)

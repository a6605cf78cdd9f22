"""Every sentence the process map tool shows a participant: labels, help and a worked example.

Plain English, short sentences, second person. The example is a porters' team mapping how a
patient gets from the ward to X-ray; the widget and the static page draw it with the same code
as the team's own map.
"""

from __future__ import annotations

from qikit.core.model import StepProblem, StepType

#: The heading of the tool.
TOOL_TITLE = "Process map"

#: "What is this?" (blank lines start new paragraphs).
WHAT_IS_IT = """A process map is a drawing of the steps in a job, in the order they really \
happen. It is also called a flowchart.

It helps your team see the whole job at once, and spot where time is lost. Look for four \
kinds of problem: a delay (people or things wait), a hand-off (the job passes from one person \
to another, and things can get missed), rework (something is done twice) and waste (effort \
that does not help the patient or the team).

Map the job as it is today, not as it should be."""

#: "How to do it" (blank lines start new paragraphs).
HOW_TO = """1. Give your map a name, for example “Taking a patient to X-ray”.

2. Add the steps one at a time, from the first thing that happens to the last. Walk the job \
yourself, or ask the people who do it every day.

3. Pick a type for each step. Start or end: where the job begins or finishes. Task: something \
someone does. Decision: a question with a yes or no answer. Wait: time spent waiting for \
someone or something.

4. For a decision, pick where a “Yes” goes and where a “No” goes. If you leave it, the answer \
goes on to the next step down.

5. Put a step in the right place with “Move up” and “Move down”. Use “Delete this step” to \
remove one. Your mentor can bring back anything you delete.

6. Mark the steps where things go wrong as a problem, and write a short note about what \
happens. These are the places to start improving.

Everything saves by itself as you go."""

# -- labels of the controls -------------------------------------------------------------------

TITLE_LABEL = "Name of the process"
TITLE_PLACEHOLDER = "For example: Taking a patient to X-ray"

ADD_HEADING = "Add a step"
NEW_TEXT_LABEL = "What happens"
NEW_TEXT_PLACEHOLDER = "For example: Porter collects a wheelchair"
NEW_TYPE_LABEL = "Type of step"
NEW_WHERE_LABEL = "Put it"
AT_THE_END = "At the end"
AFTER_STEP = "After step {number}: {text}"
ADD_BUTTON = "Add this step"
NEW_TEXT_EMPTY = "Type what happens in this step first, then press “Add this step”."

STEPS_HEADING = "Your steps"
NO_STEPS = "No steps yet. Add the first step above."
#: The heading of each step's box: "Step 3 · Task".
STEP_HEADING = "Step {number} · {kind}"
#: The label of a step's text box (also its name for a screen reader).
STEP_TEXT_LABEL = "Step {number}"
STEP_TYPE_LABEL = "Type of step"
YES_LABEL = "If the answer is Yes, go to"
NO_LABEL = "If the answer is No, go to"
NEXT_STEP_DOWN = "The next step down"
GO_TO_STEP = "Step {number}: {text}"
DELETED_TARGET = "The step this answer went to has been deleted. Pick the next step again."
PROBLEM_LABEL = "Is there a problem here?"
NO_PROBLEM = "No problem"
PROBLEM_NOTE_LABEL = "What goes wrong here?"
PROBLEM_NOTE_PLACEHOLDER = (
    "For example: Porters wait 10 minutes because nobody knows they are there"
)
MOVE_UP = "Move up"
MOVE_DOWN = "Move down"
DELETE = "Delete this step"
MOVE_UP_TIP = "Move step {number} up one place"
MOVE_DOWN_TIP = "Move step {number} down one place"
DELETE_TIP = "Delete step {number} (your mentor can bring it back)"

#: The choices for the type of a step, as shown in the drop-down list.
STEP_TYPE_CHOICES: dict[StepType, str] = {
    StepType.START_END: "Start or end (rounded box)",
    StepType.TASK: "Task: something someone does (box)",
    StepType.DECISION: "Decision: a yes or no question (diamond)",
    StepType.WAIT: "Wait: waiting for someone or something",
}

#: The short name of each type of step (headings, descriptions, the list of steps).
STEP_TYPE_NAMES: dict[StepType, str] = {
    StepType.START_END: "Start or end",
    StepType.TASK: "Task",
    StepType.DECISION: "Decision",
    StepType.WAIT: "Wait",
}

#: The label drawn on a problem step (a word as well as the dashed border, never colour alone).
PROBLEM_TAGS: dict[StepProblem, str] = {
    StepProblem.DELAY: "⚠ Delay",
    StepProblem.HAND_OFF: "⚠ Hand-off",
    StepProblem.REWORK: "⚠ Rework",
    StepProblem.WASTE: "⚠ Waste",
}
#: What each problem means, in one line.
PROBLEM_MEANINGS: dict[StepProblem, str] = {
    StepProblem.DELAY: "people or things wait",
    StepProblem.HAND_OFF: "the job passes to someone else",
    StepProblem.REWORK: "something is done again",
    StepProblem.WASTE: "effort that adds nothing",
}
#: The choices for a problem, each its label and its meaning ("⚠ Delay: people or things wait").
PROBLEM_CHOICES: dict[StepProblem, str] = {
    problem: f"{tag}: {PROBLEM_MEANINGS[problem]}" for problem, tag in PROBLEM_TAGS.items()
}

# -- words on the drawing ---------------------------------------------------------------------

#: The word drawn in a wait step, beside its D shape.
WAIT_TAG = "Wait"
YES = "Yes"
NO = "No"
YES_OR_NO = "Yes or no"
#: What a step with no words yet shows.
NO_WORDS = "(no words yet)"
UNTITLED = "Process map"
EMPTY_DRAWING = "No steps yet"
EMPTY_DRAWING_HINT = "Add your first step to start the map."

#: The description read out by a screen reader (and shown to mentors in the static page).
DESC_INTRO = "A flowchart with {count} steps, read from top to bottom."
DESC_EMPTY = "A flowchart with no steps yet."
DESC_STEP = "Step {number}, {kind}: {text}."
DESC_PROBLEM = "Marked as a problem: {problem}."
DESC_ANSWER = "If {answer}, go to step {number}."
DESC_ANSWER_ENDS = "If {answer}, the map ends here."
DESC_ENDS = "The map ends here."

STATIC_STEPS_HEADING = "The steps in words"
STATIC_NO_STEPS = "The team has not added any steps yet."
STATIC_NOTE = "Note: {note}"
STATIC_PROBLEMS = "Steps marked as a problem: {count}."

# -- the worked example -------------------------------------------------------------------------

EXAMPLE_INTRO = (
    "The porters on Ward 3 mapped how a patient gets from the ward to X-ray. They found that "
    "porters often wait on the ward because nobody told the nurse they were coming."
)
EXAMPLE_TITLE = "Taking a patient from Ward 3 to X-ray"

#: The example's steps in order: (key, type, words, yes goes to, no goes to, problem, note).
#: A "yes"/"no" of None goes on to the next step down.
EXAMPLE_STEPS: tuple[
    tuple[str, StepType, str, str | None, str | None, StepProblem | None, str], ...
] = (
    ("ex1", StepType.START_END, "Ward rings the porters' desk for X-ray", None, None, None, ""),
    (
        "ex2",
        StepType.TASK,
        "Desk puts the job on the system",
        None,
        None,
        None,
        "",
    ),
    (
        "ex3",
        StepType.WAIT,
        "Job waits in the queue for a free porter",
        None,
        None,
        StepProblem.DELAY,
        "Between 10 and 11 am jobs wait about 25 minutes.",
    ),
    ("ex4", StepType.TASK, "Porter finds a wheelchair", None, None, None, ""),
    (
        "ex5",
        StepType.DECISION,
        "Is the wheelchair clean and working?",
        None,
        "ex4",
        StepProblem.REWORK,
        "About 1 in 4 chairs are left dirty, so the porter looks for another one.",
    ),
    ("ex6", StepType.DECISION, "Is the patient ready to go?", "ex8", None, None, ""),
    (
        "ex7",
        StepType.WAIT,
        "Porter waits while the nurse gets the patient ready",
        None,
        None,
        StepProblem.HAND_OFF,
        "Nobody told the nurse the porter was coming.",
    ),
    ("ex8", StepType.TASK, "Porter takes the patient to X-ray", None, None, None, ""),
    ("ex9", StepType.START_END, "Porter hands over to X-ray staff", None, None, None, ""),
)

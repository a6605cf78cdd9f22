"""Words of the fishbone (cause and effect) tool, its votes and its Pareto chart."""

from __future__ import annotations

TITLE = "Fishbone: what causes the problem?"

WHAT_IS_IT = (
    "A fishbone diagram helps your team list everything that might cause your problem. The "
    "problem (the effect) sits in the box at the fish's head. Each big bone is a kind of cause, "
    "such as People or Equipment, and the causes hang off the bones.\n\n"
    "Nobody has to be right yet. The aim is to get every idea down, then pick the few causes "
    "to work on first.\n\n"
    "A Pareto chart (say “pa-RAY-toe”) puts the causes in order, biggest first. It shows which "
    "few causes matter most. The line shows the running total: how much of everything the "
    "causes so far add up to."
)

HOW_TO = (
    "1. Type your problem in the first box, in a few words. For example: “Side rooms wait "
    "too long for a deep clean”.\n\n"
    "2. Ask your team “Why does this happen?”. For each answer, pick the kind of cause, type "
    "the cause and press “Add this cause”. If a cause is part of a bigger one, pick the bigger "
    "one under “This is part of…”.\n\n"
    "3. When you have all your ideas, each person votes for the causes they think matter most. "
    "Press “Vote for this cause” to vote, and press it again to take your vote back.\n\n"
    "4. If you counted things on a check sheet (for example, how many times each thing "
    "happened in two weeks), type each count in its “Tally” box.\n\n"
    "The diagram and the Pareto chart update as you go. Everything is saved as you type."
)

EFFECT_LABEL = "The problem (the effect)"
EFFECT_PLACEHOLDER = "For example: side rooms wait too long for a deep clean"

ADD_HEADING = "Add a cause"
CATEGORY_LABEL = "Kind of cause"
PARENT_LABEL = "This is part of…"
NO_PARENT = "Nothing: it is a main cause"
CAUSE_LABEL = "Cause"
CAUSE_PLACEHOLDER = "For example: nobody tells us when the room is empty"
ADD_CAUSE_BUTTON = "Add this cause"
EMPTY_CAUSE = "Type the cause in the box first, then press “Add this cause”."
NO_CATEGORIES = "Add a kind of cause first (under “Change the kinds of cause”)."

DIAGRAM_HEADING = "Your fishbone"
CAUSES_HEADING = "Your causes: vote, count and change them"
CAUSES_EMPTY = "No causes yet. Add your first cause above."
VOTE_BUTTON = "Vote for this cause"
VOTED_BUTTON = "★ You voted for this (press to take it back)"
TALLY_LABEL = "Tally (count from your check sheet)"
MOVE_LABEL = "Kind of cause"
DELETE_BUTTON = "Delete this cause"
DELETED = "Cause deleted. Your mentor can bring it back if you need it."

CATEGORIES_HEADING = "Change the kinds of cause"
CATEGORY_NAME_LABEL = "Name of kind {number}"
NEW_CATEGORY_LABEL = "New kind of cause"
ADD_CATEGORY_BUTTON = "Add this kind of cause"
REMOVE_CATEGORY_BUTTON = "Remove this kind of cause"
EMPTY_CATEGORY_NAME = "Type a name for the new kind of cause first."
CATEGORY_NOT_EMPTY = (
    "This kind of cause still has causes. Move them to another kind, or delete them, first."
)

PARETO_HEADING = "Pareto chart: the causes in order"
PARETO_BY_LABEL = "Put the causes in order of"
PARETO_BY_VOTES = "Votes"
PARETO_BY_TALLY = "Tally (check sheet counts)"
PARETO_EXPLAINED = (
    "The longest bars are the causes to work on first. The line shows the running total: "
    "when it reaches about 80 %, the causes above that point are the “vital few”."
)

# -- words drawn on the diagrams --------------------------------------------------------------
PROBLEM_IN_BOX = "The problem"
NO_PROBLEM_YET = "(your problem goes here)"
NO_CAUSES_ON_BONE = "(no causes yet)"
NO_WORDS_YET = "(no words yet)"
NOT_ON_FISHBONE = "(not on the fishbone)"
STAR = "★"
VOTES_AXIS = "Number of votes"
TALLY_AXIS = "Count from the check sheet (tally)"
CUMULATIVE_AXIS = "Running total (cumulative %)"
CUMULATIVE_COLUMN = "Running total"
NO_VOTES_YET = "No cause has a vote yet."
NO_TALLY_YET = "No cause has a tally yet."
LEGEND = "Bars: {what} for each cause. Line with ◆ points: running total, in %."
IN_WORDS = "The fishbone in words"
LEFT_OUT = "Causes with no {what} are left out."

#: The worked example: a domestic (cleaning) team's fishbone, with votes and a check sheet.
EXAMPLE_EFFECT = (
    "Side rooms wait more than 2 hours for a deep clean after a patient with an infection "
    "leaves, so the bed stays empty."
)
#: Who voted in the example (first names, as a team would use them).
EXAMPLE_VOTERS = ("Amina", "Bev", "Joe", "Priya", "Tomasz")
#: (key, category, cause, part of (key or None), number of votes, tally)
EXAMPLE_CAUSES: tuple[tuple[str, str, str, str | None, int, int], ...] = (
    ("late", "People", "Only one domestic on the late shift for three wards", None, 5, 14),
    ("sick", "People", "Sickness cover not arranged until the next day", "late", 0, 0),
    ("train", "People", "New starters not shown the deep-clean checklist", None, 1, 0),
    ("told", "Methods", "We are not told when a side room is empty", None, 4, 18),
    ("board", "Methods", "Discharge is on the ward board, but nobody rings us", "told", 0, 0),
    ("order", "Methods", "Clean and curtain change done by two teams, one after the other",
     None, 2, 7),
    ("steam", "Equipment", "Only one steam cleaner for the whole floor", None, 3, 9),
    ("poles", "Equipment", "Curtain rails too high to reach without a step ladder", None, 0, 0),
    ("far", "Environment", "Side rooms are at the far end from the cleaning cupboard", None, 0, 0),
    ("tabs", "Materials and supplies", "Chlorine tablets run out on Fridays", None, 0, 5),
    ("curtains", "Materials and supplies", "Clean curtains not back from the laundry", None, 2, 6),
    ("bleep", "Communication", "Bleeps go to the supervisor, not the domestic on the ward",
     None, 3, 11),
)  # fmt: skip

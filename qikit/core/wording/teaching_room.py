"""Words of the two teaching pages the room joins in: the fishbone in the room and the PDSA test.

The trainer reads these out or points at them on a projector, so they are short and plain.
The story is the one every teaching page carries: the porters of a district general hospital
and how long a ward waits for a porter.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Fishbone in the room

FISHBONE_TITLE = "Fishbone in the room: why do wards wait for a porter?"
FISHBONE_INTRO = (
    "Everyone calls out (or sends from their phone) a reason why a ward waits too long for a "
    "porter. Each reason goes on a bone of the fish. Then everyone votes, and the Pareto chart "
    "shows the few causes that matter most."
)
FISHBONE_EFFECT = "Wards wait too long for a porter"
EFFECT_LABEL = "The problem (the fish's head)"

ADD_HEADING = "Add a cause"
CATEGORY_LABEL = "Kind of cause"
CAUSE_LABEL = "Cause"
CAUSE_PLACEHOLDER = "For example: no wheelchair on the ward"
ADD_BUTTON = "Add this cause"
EMPTY_CAUSE = "Type the cause in the box first, then press “Add this cause”."
TOO_LONG = "That is too long for the diagram: use {limit} characters or fewer."
ADDED = "Added cause {number}: {text}"
SAME_AGAIN = "“{text}” is already cause {number}, so it counts as one more vote."
ALREADY_VOTED = "That person has already voted for cause {number}."
VOTE_BUTTON = "+1 vote for cause {number}"
VOTED = "One more vote for cause {number}: {text}"
NO_SUCH_CAUSE = "There is no cause {number}. The causes are numbered 1 to {count}."
NO_CAUSES_YET = "No causes yet. Type the first one above, or ask the room."

DIAGRAM_HEADING = "The fishbone"
CAUSES_HEADING = "The causes, numbered, with their votes"
VOTES_WORDS = "{count} vote"
VOTES_WORDS_MANY = "{count} votes"
PARETO_HEADING = "Which causes matter most? (Pareto chart)"
PARETO_EXPLAINED = (
    "A Pareto chart (say “pa-RAY-toe”) puts the causes in order, most votes first. The line "
    "shows the running total: often a few causes make up most of the votes. Work on those first."
)
NO_VOTES_YET = "No votes yet. Press “+1 vote” beside a cause, or ask the room to vote."

ROOM_HEADING = "Let the room take part"
ROOM_HELP = (
    "People open the page on their phone, type the code and send a cause. To put a cause on a "
    "bone, start it with the kind and a colon, like “Equipment: no wheelchair”. Causes without "
    "a kind go on the bone chosen under “Kind of cause”."
)
ASK_CAUSES_BUTTON = "Ask the room for causes"
ASK_VOTES_BUTTON = "Ask the room to vote"
CAUSES_PROMPT = "Why does a ward wait too long for a porter? Send one reason."
VOTES_PROMPT = "Which cause matters most? Send its number from the screen."
ASKED_CAUSES = "The room can now send causes."
ASKED_VOTES = "The room can now vote: each person sends the number of one cause."
NEED_CAUSES_TO_VOTE = "Add some causes first, then ask the room to vote."
ROOM_CAUSE = "From the room: {text}"
ROOM_VOTE = "A vote from the room for cause {number}"
NO_ROOM = (
    "Phones cannot join on this copy of the page (it has no cohort to keep their answers in). "
    "You can still type every cause and press “+1 vote” yourself."
)

#: The worked example: the porter story, as the room might build it (kind, cause, votes).
FISHBONE_EXAMPLE: tuple[tuple[str, str, int], ...] = (
    ("Methods", "Requests come by phone and go on scraps of paper", 9),
    ("Equipment", "No wheelchair on the ward when the porter arrives", 7),
    ("People", "Too few porters on the late shift", 4),
    ("Methods", "The patient is not ready when the porter arrives", 3),
    ("Environment", "The lifts to X-ray are slow at visiting time", 2),
    ("Equipment", "The bleep does not work in the basement", 1),
    ("People", "New porters do not know the short cuts", 0),
)
EXAMPLE_NOTE = (
    "This is a worked example: what a room of porters might send. On the live page the "
    "diagram starts empty and grows as the room sends causes."
)

# ---------------------------------------------------------------------------------------------
# Test a change with PDSA (the classroom experiment)

PDSA_TITLE = "Test a change: time a simple task before and after"
PDSA_INTRO = (
    "Everyone does a simple task and times it. Then we change one thing and do it again. The "
    "times go on a run chart, and we fill in a PDSA cycle (Plan, Do, Study, Act: a small test "
    "of a change) together."
)
TASK = "Fold a napkin into a bishop's hat"
CHANGE = "Show the folds on the screen, step by step, while people fold"
PREDICTION = "With the steps on the screen most people will be faster, by about 20 seconds."

TASK_LABEL = "The task:"
CHANGE_LABEL = "The change we test:"
PREDICTION_LABEL = "Our prediction: what do we think will happen?"

BEFORE = "before"
AFTER = "after"
PHASE_WORDS: dict[str, str] = {
    "before": "Round 1: before the change",
    "after": "Round 2: after the change",
}
NOW_COLLECTING = "Now collecting: {phase}"
TIME_LABEL = "Time (seconds)"
TIME_PLACEHOLDER = "For example: 45"
ADD_TIME_BUTTON = "Add this time"
START_AFTER_BUTTON = "Start round 2: after the change"
BACK_TO_BEFORE_BUTTON = "Go back to round 1"
ADDED_TIME = "Added {seconds} seconds to {phase}."
ROOM_TIME = "From the room: {seconds} seconds ({phase})"

EMPTY_TIME = "Type a time in seconds first, like 45."
NOT_A_NUMBER = "Type a number of seconds, like 45 or 52.5."
TOO_SMALL = "A time must be more than 0 seconds."
TOO_BIG = "That is more than {high} seconds — check it and type it again."
#: Times above this are taken for a typing slip (10 minutes to fold a napkin).
HIGHEST_SECONDS = 600.0

NO_ROOM_PDSA = (
    "Phones cannot join on this copy of the page (it has no cohort to keep their answers in). "
    "Ask people to call out their times and type each one yourself."
)
ROOM_HELP_PDSA = (
    "People open the page on their phone, type the code and send their time in seconds. "
    "Press “Start round 2” after the change: the phones are asked again."
)
TIME_PROMPT_BEFORE = "How many seconds did the task take you? (round 1, before the change)"
TIME_PROMPT_AFTER = "How many seconds did the task take you this time? (round 2, after the change)"
TIME_UNIT = "seconds"

#: The label of the change on the run chart (short: it is drawn beside the marker).
CHART_CHANGE = "The change starts here"
CHART_HEADING = "The run chart of our times"
CHART_TITLE = "Seconds to do the task, one point per person"
Y_LABEL = "Seconds"
CHART_EMPTY = "No times yet. Type the first time above, or ask the room to send theirs."
CHART_EXPLAINED = (
    "Each point is one person's time, in the order they came in. The middle line is the median "
    "(the middle value: half the times are above it, half below). The marked line shows where "
    "the change started. If the change helped, the points after it sit below the middle line."
)
TIMES_HEADING = "The times so far"
TIMES_WORDS = "{phase}: {count}, median {median} seconds"
TIMES_COUNT = "{count} times"
ONE_TIME = "1 time"
TIMES_NONE = "{phase}: no times yet"

CYCLE_HEADING = "Our PDSA cycle, filled in"
DECISION_LABEL = "Act: what do we do next?"
NO_DECISION_YET = "Not decided yet"
CYCLE_TITLE = "Steps on the screen while folding"
OBJECTIVE = "Find out whether showing the steps makes the task quicker."
QUESTION = "Do people finish the task faster when the steps are on the screen?"
WHO = "Everyone in the room"
WHEN = "Today, in this session"
WHERE = "This room"
DATA_TO_COLLECT = "The seconds each person takes, before and after the change"
PEOPLE = "{count} people"
ONE_PERSON = "1 person"
HAPPENED_NOTHING = "Nobody has timed the task yet."
HAPPENED = (
    "Round 1 (before): {n_before}, median {before} seconds. "
    "Round 2 (after): {n_after}, median {after} seconds."
)
FASTER = (
    "After the change the median time went down by {diff} seconds ({before} to {after}). "
    "We predicted about 20 seconds faster."
)
SLOWER = (
    "After the change the median time went up by {diff} seconds ({before} to {after}). "
    "We predicted faster: what got in the way?"
)
SAME = "The median time did not change ({before} seconds). We predicted faster."
STUDY_WAITING = "We need times from both rounds before we can compare."
SIGNAL_SEEN = "The run chart shows a signal: {reading}"
NO_SIGNAL_SEEN = (
    "The run chart shows no signal yet: the difference could still be chance. More points "
    "would tell us more."
)
NEXT_STEPS: dict[str, str] = {
    "adopt": "Keep the steps on the screen for everyone next time.",
    "adapt": "Change how the steps are shown and test again.",
    "abandon": "Stop showing the steps and try a different idea.",
}

#: The worked example for the static page: times one room sent (seconds).
EXAMPLE_BEFORE: tuple[float, ...] = (62, 75, 58, 81, 69, 90, 66, 72, 85, 64, 78, 70)
EXAMPLE_AFTER: tuple[float, ...] = (48, 55, 44, 60, 51, 47, 58, 42, 53, 50, 46, 57)
EXAMPLE_DECISION = "adopt"
PDSA_EXAMPLE_NOTE = (
    "This is a worked example: the times one room sent. On the live page the chart starts "
    "empty and fills as the room sends their times."
)

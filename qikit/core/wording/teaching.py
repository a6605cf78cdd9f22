"""Every word of the trainers' teaching pages: the frame, and each page's buttons and sentences.

The teaching pages are shown on a projector or a shared screen to staff new to QI, so the
sentences are short and every technical word is explained beside it. The story is always the
same one: the porters of a district general hospital and how long a ward waits for a porter.
"""

from __future__ import annotations

from qikit.core.spc.signals import Rule, RuleSet

# -- the frame --------------------------------------------------------------------------------

#: The presenter-mode switch: what it says when off and when on (the words, not a colour, say
#: which it is).
PRESENTER_OFF = "Presenter mode: off (press for big text)"
PRESENTER_ON = "Presenter mode: on (press for normal text)"
PRESENTER_HELP = "Large text and strong contrast, for a projector or a shared screen."

#: Shown instead of a page whose name is not known.
UNKNOWN_PAGE = "There is no teaching page called “{name}”. The pages are: {names}."
#: Shown instead of a page when the mode is not one of the two.
UNKNOWN_MODE = "This page can be shown live (“app”) or as a still copy (“review”), not “{mode}”."

# -- 01 The Model for Improvement -----------------------------------------------------------

MFI_TITLE = "The Model for Improvement"
MFI_INTRO = (
    "Three questions to ask before you change anything, then small tests of change. Here they "
    "are answered for the porters of our hospital and how long a ward waits for a porter."
)
MFI_NEXT = "Show the next question"
MFI_ALL = "Show all three questions"
MFI_START = "Start again"
#: The three questions, each with its answer for the porters' story.
MFI_QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "1. What are we trying to accomplish?",
        "Our aim: patients on our wards wait no more than 30 minutes for a porter, on average, "
        "by the end of June. Today the wait is about 40 minutes.",
    ),
    (
        "2. How will we know that a change is an improvement?",
        "Our measure: the minutes from a ward asking for a porter to the patient being "
        "collected, averaged each week and plotted on a run chart. If the points stay lower "
        "than before, the change has worked.",
    ),
    (
        "3. What change can we make that will result in improvement?",
        "Our idea: send each request to the nearest free porter, instead of the porter whose "
        "turn it is. We test it on a small scale first, with a PDSA cycle.",
    ),
)
MFI_PDSA_HEADING = "Then test the change: Plan, Do, Study, Act (PDSA)"
MFI_PDSA: tuple[tuple[str, str], ...] = (
    ("Plan", "Two wards send requests to the nearest free porter for two weeks."),
    ("Do", "The porters try it and note anything odd that happens."),
    ("Study", "Look at the run chart: are the new points lower than the old ones?"),
    ("Act", "Keep it, change it, or drop it, then test again on more wards."),
)
MFI_CHART_HEADING = "What the porters' run chart showed"
MFI_QUESTION_COUNT = "Question {shown} of {total} shown."

# -- 02 Variation -----------------------------------------------------------------------------

VAR_TITLE = "Variation: normal ups and downs, or a real change?"
VAR_INTRO = (
    "Every week the porters' average wait goes up and down a little, even when nothing has "
    "changed. Here the computer makes up weeks like the porters' ones. Add a real change, or "
    "press “Show me chance” to see weeks where nothing changed at all."
)
VAR_CHANGE_WEEK = "The change starts in week"
VAR_CHANGE_SIZE = "Size of the change (minutes: below 0 is shorter waits, 0 is no change)"
VAR_DRAW = "Draw weeks with this change"
VAR_CHANCE = "Show me chance"
VAR_CHANCE_HELP = "New made-up weeks with no change at all: every up and down is chance."
VAR_WITH_CHANGE = "Made-up weeks with a change of {size} minutes from week {week}."
VAR_NO_CHANGE = "Made-up weeks with no change at all (chance only, draw number {draw})."
VAR_ASK = "What does your eye see? Now read what the rules say:"
VAR_TALLY = (
    "Chance only, so far: {draws} charts drawn, and the rules saw a sign of change on {flagged} "
    "of them. Your eye may see a pattern on most of them: that is chance."
)
VAR_RULES_QUIET = (
    "The rules see no sign of change: these ups and downs are what you would expect by chance."
)
VAR_CHART_TITLE = "Made-up porter waits"

# -- 03 Run chart rules, live ------------------------------------------------------------------

RULES_TITLE = "Run chart rules, live"
RULES_INTRO = (
    "Press “Next week” to add the porters' weeks one at a time. The moment a rule sees a "
    "change, it is named and explained here. Then switch the rules and see why they differ."
)
RULES_NEXT = "Next week"
RULES_RESTART = "Start again"
RULES_ALL = "Show every week"
RULES_SET_LABEL = "Which rules read the chart?"
RULES_WEEKS_SHOWN = "Weeks shown: {shown} of {total}."
RULES_THE_CHANGE = "The change tried after week {week}: {label}."
RULES_NOTHING_YET = (
    "No rule has fired yet: the ups and downs so far are what you would expect by chance."
)
RULES_TOO_FEW = "Only {shown} weeks so far: the rules need about 10 before they can say much."
RULES_FIRED = "A rule has just fired at week {week}: {name}."
RULES_NOW_HEADING = "What the rules see now"
RULES_WHY_HEADING = "Why the rule sets differ"
#: Each rule's name said plainly, and what it looks for and why it is not chance.
RULE_NAMES: dict[Rule, tuple[str, str]] = {
    Rule.LONG_RUN: (
        "a shift (a long run on one side of the middle line)",
        "A run is a group of points in a row on the same side of the middle line. By chance, "
        "points swap sides often; a run this long almost never happens by chance.",
    ),
    Rule.FEW_CROSSINGS: (
        "too few crossings of the middle line",
        "By chance the line joining the points crosses the middle line often. Crossing it this "
        "few times means the points have moved to one side.",
    ),
    Rule.SHIFT: (
        "a shift (6 or more points in a row on one side of the middle line)",
        "By chance, points swap sides of the middle line often. Six or more in a row on one "
        "side is very unlikely to be chance.",
    ),
    Rule.TREND: (
        "a trend (points going up or down, one after another)",
        "By chance, points go up and down in no order. Five or more in a row each going the "
        "same way is unlikely to be chance.",
    ),
    Rule.TOO_FEW_RUNS: (
        "too few runs",
        "A run is a group of points in a row on one side of the middle line. By chance there "
        "are many short runs; too few means the points have moved.",
    ),
    Rule.TOO_MANY_RUNS: (
        "too many runs",
        "The points swap sides of the middle line more often than chance would: the numbers "
        "may come from two different sources mixed together.",
    ),
    Rule.ASTRONOMICAL: (
        "an astronomical point (one far from all the others)",
        "One point is so far from the rest that anyone would agree it is unusual.",
    ),
    Rule.OUTSIDE_LIMITS: (
        "a point outside the dashed lines",
        "The dashed lines show the usual range. A point outside them is unlikely to be chance.",
    ),
    Rule.TWO_OF_THREE: (
        "two out of three points close to a dashed line",
        "Two of three points in a row near the edge of the usual range, on the same side, is "
        "unlikely to be chance.",
    ),
}
#: Why each rule set reads the same weeks differently.
RULE_SET_WHY: dict[RuleSet, str] = {
    RuleSet.ANHOEJ: (
        "Anhøj's two rules are the strictest about false alarms: they wait until a run is "
        "clearly too long for the number of points shown, so they fire later but are rarely "
        "wrong."
    ),
    RuleSet.IHI: (
        "The IHI rules use fixed counts (6 in a row on one side, 5 going one way), so they "
        "fire sooner, and a little more often by chance."
    ),
    RuleSet.MDC: (
        "Making Data Count draws an average line and two dashed lines for the usual range "
        "(a control chart), and also looks at points near the edge of that range, so it "
        "can fire early."
    ),
}

# -- 06 Choosing the right chart ---------------------------------------------------------------

CHOICE_TITLE = "Choosing the right chart"
CHOICE_INTRO = (
    "The right chart depends on what you measure. Pick one of the teaching data sets, answer "
    "the questions, and see which chart fits and why."
)
CHOICE_DATA_LABEL = "Which teaching data set?"
CHOICE_KIND_LABEL = "What is being measured?"
CHOICE_SAME_SIZE = "About the same amount of chance each time (beds, patients or days)"
CHOICE_SHOW = "Show the chart for this data"
CHOICE_SUGGESTED = "The chart to use: {name}."
CHOICE_TAUGHT_WITH = "This data set is taught with: {name}."
CHOICE_MATCH = "Your answers lead to the chart this data set is taught with."
CHOICE_NO_MATCH = (
    "Your answers lead to a different chart from the one this data set is taught with. Read "
    "the story again: what is counted, and out of how many?"
)
CHOICE_STORY_HEADING = "The story"
CHOICE_ANSWER_FIRST = "Ask the room: what is being measured? Pick their answer above."
CHOICE_RUN_FIRST = "A run chart is always a safe start, and needs no maths."

"""Words of the skills survey page: the survey code, the points of the survey, the answers.

Read on a phone by people new to surveys and to computers at work: short sentences, everyday
words, second person. The questions themselves are in the survey's data file
(``survey-items.yaml``), which the programme lead edits; every other word is here.
"""

from __future__ import annotations

from qikit.core.model import SurveyStage
from qikit.core.wording.dates import MONTH_NAMES

__all__ = [
    "ALL_SHEETS",
    "ANSWER_SAVED",
    "CODE_BUTTON",
    "CODE_DAY_BAD",
    "CODE_DAY_LABEL",
    "CODE_DAY_PLACEHOLDER",
    "CODE_HEADING",
    "CODE_INTRO",
    "CODE_IS",
    "CODE_MONTH_BAD",
    "CODE_MONTH_LABEL",
    "CODE_MONTH_PLACEHOLDER",
    "CODE_NOT_YET",
    "CODE_STREET_BAD",
    "CODE_STREET_LABEL",
    "CODE_STREET_PLACEHOLDER",
    "CODE_WHY",
    "COUNT_HEADING",
    "DIFFERENT_CODE",
    "INTRO",
    "MONTHS",
    "NOT_SAVED",
    "NO_COHORT",
    "NO_SHEETS",
    "QUESTIONS_HEADING",
    "QUESTIONS_HEADING_REVIEW",
    "REVIEW_INTRO",
    "SCALE_NOTE",
    "SEND_BUTTON",
    "SENT",
    "SHEETS_AT",
    "STAGE_FIXED",
    "STAGE_LABEL",
    "STAGE_NAMES",
    "STAGE_NEEDED",
    "START_NEW",
    "TEXT_PLACEHOLDER",
    "UNKNOWN_STAGE",
    "WELCOME_BACK",
]

INTRO = (
    "These questions ask how you feel about improving things at work. It takes about five "
    "minutes. There are no right or wrong answers."
)

# -- the survey code ------------------------------------------------------------------------------

CODE_HEADING = "1. Make your survey code"
CODE_INTRO = (
    "We never ask your name. Instead, you make a code from three things you will always remember. "
    "Make the same code each time you fill in this survey."
)
#: Why: the page explains what the code is for, in one line.
CODE_WHY = (
    "Why? So we can match your answers over time without knowing who you are. "
    "The code has no name in it, and we never ask who made it."
)
CODE_MONTH_LABEL = "The first two letters of the month you were born"
CODE_MONTH_PLACEHOLDER = "For March, type MA"
CODE_DAY_LABEL = "The day of the month you were born"
CODE_DAY_PLACEHOLDER = "For the 4th, type 04"
CODE_STREET_LABEL = "The first two letters of the street you grew up on"
CODE_STREET_PLACEHOLDER = "For Elm Road, type EL"
CODE_MONTH_BAD = "Type the first two letters of the month you were born, for example MA for March."
CODE_DAY_BAD = "Type the day of the month you were born: a number from 1 to 31."
CODE_STREET_BAD = "Type the first two letters of the street you grew up on, for example EL."
#: ``{code}`` is the code made from the three answers.
CODE_IS = "Your survey code is {code}"
CODE_NOT_YET = "Your code appears here when all three boxes are filled in."

# -- which point of the survey --------------------------------------------------------------------

#: The points of the survey as a person says them (stored as pre, mid, post, follow-up).
STAGE_NAMES: dict[SurveyStage, str] = {
    SurveyStage.PRE: "Before the programme starts",
    SurveyStage.MID: "Halfway through the programme",
    SurveyStage.POST: "At the end of the programme",
    SurveyStage.FOLLOW_UP: "A few months after the programme",
}
STAGE_LABEL = "When are you filling this in?"
#: ``{stage}`` is one of :data:`STAGE_NAMES`.
STAGE_FIXED = "This survey is for: {stage}."
STAGE_NEEDED = "Choose when you are filling this in, then press the button again."
CODE_BUTTON = "Start the questions"
#: ``{code}`` is the code; shown when the code has a sheet for this point already.
WELCOME_BACK = (
    "Welcome back, {code}. Your answers from last time are filled in. Change any you like."
)
#: ``{code}`` is the code; shown when the code has no sheet for this point yet.
START_NEW = "Your code is {code}. Answer the questions below. Each answer is saved at once."
DIFFERENT_CODE = "Use a different code"

# -- the questions --------------------------------------------------------------------------------

QUESTIONS_HEADING = "2. Your answers"
SCALE_NOTE = "For each sentence, choose how true it is for you today."
TEXT_PLACEHOLDER = "You can leave this empty"
ANSWER_SAVED = "Saved"
NOT_SAVED = "Your answer was not saved. Try again, or tell your QI lead."
SEND_BUTTON = "Send my answers"
SENT = (
    "Thank you. Your answers are sent. You can change them later: open this page again and "
    "make the same code."
)

# -- messages that replace the page ---------------------------------------------------------------

NO_COHORT = "This survey belongs to a cohort. Open it from your team's page."
UNKNOWN_STAGE = "This survey page is not set up properly, so it cannot be shown. Tell your QI lead."

# -- the review copy (no personal data: the questions and counts of sheets) -----------------------

REVIEW_INTRO = "The questions of the skills survey, and how many answer sheets there are so far."
QUESTIONS_HEADING_REVIEW = "The questions"
COUNT_HEADING = "Answer sheets so far"
#: ``{count}`` sheets at ``{stage}`` (one of :data:`STAGE_NAMES`).
SHEETS_AT = "{stage}: {count}"
ALL_SHEETS = "Different survey codes: {count}"
NO_SHEETS = "Nobody has filled in the survey yet."

#: The months in English, to turn a month typed as a number ("3") into its first letters.
MONTHS = MONTH_NAMES

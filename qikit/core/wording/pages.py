"""Words of the participant pages and the mentors' dashboard page: stages, the team page,
the "Your name" box, the progress list, the storyboard and the messages that replace a page.

Participant style: short sentences, everyday words, second person (the storyboard speaks as
the team: "Our aim"). Words that another page or tool also shows are taken from that one
place (:mod:`qikit.core.wording.dashboard` for the comments between a mentor and a team,
:mod:`qikit.core.wording.process_map` for the problems of a process step), never spelt twice.
"""

from __future__ import annotations

from qikit.core.model import FeedbackTopic, StepProblem
from qikit.core.wording import dashboard as comment_words
from qikit.core.wording import process_map as process_map_words

# -- the stages -----------------------------------------------------------------------------------

#: The name of each stage's page, as its heading and its link say it.
STAGE_NAMES: dict[str, str] = {
    "home": "Your team page",
    "charter": "Charter and aim",
    "understanding": "Understanding the problem",
    "measuring": "Measures and run charts",
    "changing": "Testing changes",
    "storyboard": "Storyboard",
}
#: One line under each link of the team page: what the stage's page is for.
STAGE_PURPOSES: dict[str, str] = {
    "home": "Your team, how far you have got, and comments from your mentor.",
    "charter": "Say what the problem is and what you want to achieve.",
    "understanding": "Find the causes (fishbone) and draw the steps of the work (process map).",
    "measuring": "Count or time what matters, week by week, and see it on a chart.",
    "changing": "Plan your changes (driver diagram) and test them in small steps (PDSA log).",
    "storyboard": "Your project so far on one page, ready to print or share.",
}

# -- the one team page (every stage on one page) ---------------------------------------------------

#: The accessible name of the row of stage links at the top of the team page.
STAGES_NAV = "Parts of your project"
#: Under the stage links of the mentor's copy: it holds every part, one after the other.
REVIEW_ALL_NOTE = "{team}: every part of the project on one page. A read-only copy for your mentor."

# -- messages that replace a page -----------------------------------------------------------------

NO_TEAM = "This page belongs to a team. Open it from your cohort's home page."
NO_COHORT = "This page belongs to a cohort. Open it from the mentors' pages."
UNKNOWN_STAGE = "This page is not set up properly, so it cannot be shown. Tell your mentor."
#: ``{reference}`` is the failure's ``QK-…`` reference (the mentor's review looks for it).
FAILURE = (
    "Something went wrong on this page. Your work is safe. Tell your mentor and give them this "
    "reference: {reference}"
)

# -- every page -----------------------------------------------------------------------------------

BACK_HOME = "← Back to your team page"
REVIEW_NOTE = "{team}: {stage}. A read-only copy for your mentor."
NAME_LABEL = "Your name"
NAME_PLACEHOLDER = "Type your first name, for example Ana"
NAME_HELP = (
    "Your name is shown next to each change you make on this page, so your team can see who "
    "did what. It is not saved anywhere else."
)

# -- the team page --------------------------------------------------------------------------------

TEAM_HEADING = "Your team"
NO_MEMBERS = "No team members are listed yet. Your mentor can add them."
MENTOR = "Your mentor: {mentor}"
NO_MENTOR = "Your mentor's name is not listed yet."
PROGRESS_HEADING = "How far you have got"
DONE = "Done"
NOT_YET = "Not yet"
MARK_DONE = "✓"
MARK_NOT_YET = "○"
PROGRESS_KEY = "✓ means done, ○ means not done yet."
FEEDBACK_HEADING = "Comments from your mentor"
NO_FEEDBACK = "No comments from your mentor yet."
UNREAD = comment_words.UNREAD
READ = comment_words.READ
FEEDBACK_FROM = comment_words.FROM
OLDER_FEEDBACK = "There are {count} older comments."
MARK_READ_BUTTON = "I have read these comments"
MARKED_READ = "Thank you. The comments are marked as read."
#: The link from the team page to the skills survey (the live page only).
SURVEY_HEADING = "Your skills survey"
SURVEY_LINK = "Fill in the skills survey"
SURVEY_PURPOSE = (
    "A few questions about how you feel about improving things at work: before, halfway, at "
    "the end and a few months after the programme. It never asks your name."
)
PAGES_HEADING = "Your pages"
#: What each comment is about, in the words the mentor chose it with.
TOPIC_WORDS: dict[FeedbackTopic, str] = {
    FeedbackTopic(topic): words for topic, words in comment_words.TOPIC_WORDS.items()
}

# -- the progress list (one line per step of the programme) ---------------------------------------
# Each count is said with its noun: (one, many), as in "1 step", "3 steps".

TASK_AIM = "Write your aim"
TASK_CAUSES = "Find the causes"
TASK_PROCESS = "Map the process"
TASK_MEASURE = "Measure it"
TASK_CHANGE = "Test a change"
TASK_STORY = "Tell your story"
AIM_NOT_STARTED = "Write your problem and aim."
AIM_MISSING = "Your aim still needs: {missing}"
AIM_DONE = "Your aim has all four parts."
CAUSES = ("possible cause", "possible causes")
CAUSES_FOUND = "You have found {causes}."
CAUSES_TOO_FEW = " Find at least {minimum}."
STEPS = ("step", "steps")
STEPS_DRAWN = "Your process map has {steps}."
NO_STEPS = "Draw the steps of your work."
READINGS = ("reading", "readings")
MEASURED = "“{measure}” has {readings}."
NOT_MEASURED = "Add a measure and its first reading."
TESTS = ("small test", "small tests")
TESTS_STARTED = "You have started {tests} (PDSA cycles)."
NO_TESTS = "Start your first small test (a PDSA cycle: Plan, Do, Study, Act)."
STORY_READY = "Your storyboard is ready to share."
STORY_NOT_READY = "Your storyboard fills in as you go. It is ready when a test has a decision."

# -- the storyboard -------------------------------------------------------------------------------

#: The problems marked on a process step, as a sentence part (without the drawing's "⚠ ").
PROBLEM_WORDS: dict[StepProblem, str] = {
    problem: words.removeprefix("⚠ ")
    for problem, words in process_map_words.PROBLEM_CHOICES.items()
}
STORY_TITLE = "{team}: our improvement story"
STORY_TEAM = "Team: {members}."
STORY_MENTOR = "Mentor: {mentor}"
STORY_AIM = "Our aim"
STORY_NO_AIM = "We have not written our aim yet."
STORY_PROBLEM = "The problem"
STORY_WHY = "Why it matters"
STORY_NOT_WRITTEN = "Not written yet."
STORY_CAUSES = "What we think causes it"
STORY_CAUSES_INTRO = "The causes our team voted for most:"
STORY_CAUSES_UNVOTED = "Some of the causes we found (we have not voted yet):"
STORY_NO_CAUSES = "We have not written down any causes yet."
STORY_VOTES = comment_words.VOTES
STORY_ONE_VOTE = comment_words.ONE_VOTE
STORY_PROCESS = "Where the work goes wrong"
STORY_NO_PROCESS_PROBLEMS = "We have not marked any problems on our process map yet."
STORY_STEP = "Step {number}, “{step}”"
STORY_MEASURES = "What we measured"
STORY_NO_MEASURES = "We have not added a measure yet."
STORY_CHANGES = "The changes we tested"
STORY_NO_CHANGES = "We have not tested a change yet."
STORY_IDEA = "Change idea: {idea}"
STORY_DECISION = "What we decided: {decision}"
STORY_NO_DECISION = "We have not decided yet what to do next."
STORY_NEXT = "Next: {next_step}"
STORY_LEARNED = "What we learned"
STORY_NOTHING_LEARNED = "We will write what we learn when we study our first test."
STORY_RESULT = "From “{title}”: {result}"
STORY_SURPRISE = "A surprise: {surprise}"

# -- when the page loses its server (qikit/server/assets/voila/index.html.j2) ---------------------
# The page template cannot import Python, so it carries these words in a JSON block of its own;
# tests/browser/test_offline_journey.py checks that the block says exactly what this dict says.

#: The words of the "not connected" banner and of the box that gives kept words back after a
#: reload. Keys are the ones the page's script reads.
CONNECTION_WORDS: dict[str, str] = {
    "offline": (
        "Not connected: what you type now is not being saved. Keep this page open; it will be "
        "saved when the connection is back. If it does not come back, copy your text somewhere "
        "safe."
    ),
    "reload": (
        "The connection is back, but this page has to be opened again. What you typed is kept "
        "in this browser: open the page again and it will be offered back to you."
    ),
    "reload_button": "Open this page again",
    "kept_heading": "Words you typed while the page was not connected",
    "kept_intro": (
        "These words were not saved yet. Put each one back in its box (that saves it), or copy "
        "it somewhere safe."
    ),
    "kept_box": "What you typed in “{label}”",
    "put_back": "Put it back in “{label}”",
    "forget": "I have kept these words, clear them",
    "put_back_done": "Put back in its box.",
    "no_box": "Its box is not on this page now: copy the words instead.",
}

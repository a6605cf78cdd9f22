"""Words of the mentors' cohort dashboard and of the comments between a mentor and a team.

The mentor-facing words (the dashboard) may use QI terms a mentor knows (PDSA, run chart,
signal); the team-facing words ("Your mentor says…") follow the participant style: short
sentences, everyday words, second person.
"""

from __future__ import annotations

# -- the IHI progress scale -----------------------------------------------------------------------

#: One plain line per point of the IHI Quality Improvement Project Progress Scale (0.5 to 5.0).
SCALE_MEANINGS: dict[float, str] = {
    0.5: "Intent to take part: the team has signed up.",
    1.0: "Team formed: the charter is started.",
    1.5: "Planning: the aim is complete and the team is looking at causes or the process.",
    2.0: "Activity, no changes yet: the team is collecting baseline data.",
    2.5: "Changes tested: at least one PDSA test has been carried out, no improvement yet.",
    3.0: "Modest improvement: a chart shows a change for the better.",
    3.5: "Improvement: an outcome measure shows a change for the better.",
    4.0: "Significant improvement: the outcome is better and a change has been adopted.",
    4.5: "Sustainable improvement: the better results have held for 12 or more points.",
    5.0: "Outstanding sustainable results: the aim's target is met and held.",
}

#: Why a level was suggested, in the order of the scale (shown to the mentor).
EVIDENCE: dict[float, str] = {
    0.5: "The team is in the programme.",
    1.0: "The charter has been started.",
    1.5: "The aim has all four parts, and causes or process steps are written down.",
    2.0: "“{measure}” has {points} points of data.",
    2.5: "The PDSA test “{cycle}” has been carried out.",
    3.0: "The chart of “{measure}” shows a change for the better.",
    3.5: "The outcome measure “{measure}” shows a change for the better.",
    4.0: "The change “{cycle}” has been adopted.",
    4.5: "“{measure}” has stayed better for {points} points since the first change.",
    5.0: "“{measure}” meets its target of {target} (middle of the last {points} points).",
}

#: What the team needs for the next level (shown to the mentor as "Next: …").
NEXT_STEP: dict[float, str] = {
    1.0: "start the charter (the problem or a part of the aim).",
    1.5: "complete all four parts of the aim and write down causes or process steps.",
    2.0: "collect at least {points} points of baseline data for a measure.",
    2.5: "carry out a PDSA test (get it to Study, Act or Done).",
    3.0: "a chart that shows a change for the better (a signal in the better direction).",
    3.5: "an outcome measure that shows a change for the better.",
    4.0: "adopt a tested change (a PDSA cycle decided “adopt”).",
    4.5: "keep the outcome better for {points} points after the first change.",
    5.0: "meet the aim's target (set a target on the outcome measure).",
}
TOP_OF_SCALE = "The team is at the top of the scale."

# -- chart readings on the dashboard ------------------------------------------------------------

ICON_UP = "↑ change"
ICON_DOWN = "↓ change"
ICON_CHANGE = "↕ change"
ICON_BETTER = "(better)"
ICON_WORSE = "(worse)"
ICON_NO_CHANGE = "no change yet"
ICON_TOO_FEW = "too few points"
ICON_NO_DATA = "no data yet"
ICON_NO_CHART = "no chart"
NO_DATA_READING = "No data points yet."

# -- the dashboard table ------------------------------------------------------------------------

TITLE = "Your teams at a glance"
INTRO = (
    "One row per team, from what the teams have saved. The suggested score is worked out from "
    "the evidence; the score that counts is the one a mentor confirms."
)
#: Column headings of the table and of the CSV export (plain names for the programme lead).
COLUMNS: dict[str, str] = {
    "team": "Team",
    "slug": "Team code",
    "mentor": "Mentor",
    "aim_complete": "Aim complete",
    "aim": "Aim",
    "causes": "Causes",
    "top_causes": "Top causes (votes)",
    "steps": "Process steps",
    "step_problems": "Steps with a problem",
    "measures": "Measures and latest chart reading",
    "pdsa": "PDSA cycles by stage",
    "last_activity": "Last activity",
    "days_since_activity": "Days since last activity",
    "days_since_feedback": "Days since mentor feedback",
    "new_replies": "New replies from the team",
    "suggested_score": "Suggested score",
    "confirmed_score": "Confirmed score",
    "confirmed_by": "Confirmed by",
    "score_note": "Score note",
}
YES = "Yes"
NO = "No"
NEVER = "never"
NOTHING_YET = "nothing yet"
NO_TEAMS = "There are no teams in this cohort yet."
NO_ROWS = "No team matches the filters."
SHOWING = "Showing {shown} of {total} teams."
NOT_CONFIRMED = "not confirmed"
NEXT = "Next: {step}"
STEPS_CELL = "{steps} ({problems} with a problem)"
DAYS_AGO = "{date} ({days} days ago)"
SCORE_KEY_HEADING = "The progress scale (IHI)"
PDSA_STAGE_WORDS = {"plan": "plan", "do": "do", "study": "study", "act": "act", "done": "done"}
VOTES = "{count} votes"
ONE_VOTE = "1 vote"
CAUSES = "{count} causes"
ONE_CAUSE = "1 cause"
#: The name of the table's scroll box, for screen readers (it scrolls sideways when wide).
TABLE_LABEL = "Table of your teams, one row per team"

SORT_LABEL = "Sort by"
SORTS: dict[str, str] = {
    "team": "Team name (A to Z)",
    "last_activity": "Last activity (longest ago first)",
    "days_since_feedback": "Mentor feedback (longest ago first)",
    "score": "Score (lowest first)",
}
FILTER_QUIET = "Only teams with no activity for {days} days"
FILTER_NO_FEEDBACK = "Only teams with no mentor feedback for {days} days"
CSV_LINK = "Download the table as a spreadsheet (CSV)"
CSV_FILE = "qikit-teams.csv"

NAME_LABEL = "Your name (signs your scores and comments)"
NAME_PLACEHOLDER = "Type your name, for example Sam Patel"
TEAM_LABEL = "Team"
SCORE_HEADING = "Confirm a team's progress score"
SCORE_LABEL = "Score"
SCORE_NOTE_LABEL = "Why this score? (a short note)"
SCORE_BUTTON = "Save score"
SCORE_SAVED = "Saved: {team} is at {score}."
SCORE_HISTORY = "Earlier scores"
SCORE_HISTORY_LINE = "{score} on {date} by {who}"
SCORE_HISTORY_NOTE = "{line}: {note}"
SUGGESTED = "Suggested: {score}. {meaning}"
NEED_NAME = "Type your name first, so the team knows who this is from."
FEEDBACK_HEADING = "Write to a team"

# -- comments between a mentor and a team --------------------------------------------------------

#: What each comment is about, as the team reads it.
TOPIC_WORDS: dict[str, str] = {
    "team": "your whole project",
    "charter": "your charter",
    "fishbone": "your fishbone",
    "process_map": "your process map",
    "measures": "your measures",
    "driver_diagram": "your driver diagram",
    "pdsa": "your PDSA log",
}
#: What each comment is about, as the mentor chooses it.
TOPIC_CHOICES: dict[str, str] = {
    "team": "The whole project",
    "charter": "Charter and aim",
    "fishbone": "Fishbone",
    "process_map": "Process map",
    "measures": "Measures and charts",
    "driver_diagram": "Driver diagram",
    "pdsa": "PDSA log",
}

MENTOR_SAYS = "Your mentor says…"
UNREAD = "New: not read yet"
READ = "Read"
FROM = "From {author}, {date}, about {topic}."
REPLY_FROM = "Reply from {author}, {date}:"
NEW_REPLY = "New reply"
MARK_READ = "Mark as read"
MARKED_READ = "Thank you. These comments are marked as read."
REPLY_TO_LABEL = "Which comment are you replying to?"
REPLY_LABEL = "Your reply"
REPLY_PLACEHOLDER = "For example: Thanks, we will try that next week."
REPLY_BUTTON = "Send your reply"
REPLY_SENT = "Your reply is saved. Your mentor will see it."
REPLY_EMPTY = "Write your reply in the box first."
REPLIES_HEADING = "Replies to your mentor"
REPLY_COUNT_ONE = "Your team has replied once."
REPLY_COUNT_MANY = "Your team has replied {count} times."

MENTOR_THREAD_HEADING = "Comments and replies"
NO_COMMENTS = "No comments yet."
ABOUT_LABEL = "About"
COMMENT_LABEL = "Your comment for the team"
COMMENT_PLACEHOLDER = "Say what is going well and one thing to try next."
COMMENT_BUTTON = "Send this comment to the team"
COMMENT_SENT = "Your comment is saved. The team will see it on their pages."
COMMENT_EMPTY = "Write your comment in the box first."
MARK_REPLIES_READ = "I have read the replies"
REPLIES_MARKED = "The replies are marked as read."

"""Words of the celebration showcase: the A3 storyboard, the event's gallery and the captions.

The storyboard speaks as the team ("we"); the caption boxes speak to the team ("you"); the
gallery speaks to the visitors at the event. Short sentences, everyday words.
"""

from __future__ import annotations

# -- the captions tool on the team page ---------------------------------------------------------

CAPTIONS_TITLE = "Your words for the celebration poster"
CAPTIONS_INTRO = (
    "Your storyboard is printed as a big poster (A3) for the celebration event. It is made "
    "from your records. If you want to say something in your own words, write it here: it "
    "takes the place of that part of the poster. Leave a box empty to use what your records "
    "say. Keep each one to two or three short sentences: the poster has little room, and "
    "longer words are cut there (all of them stay here)."
)
#: The label of each caption box (its stored field's name).
CAPTION_LABELS: dict[str, str] = {
    "headline": "Headline: your project in one line",
    "problem": "The problem, in a few words",
    "tried": "What you tried",
    "chart_reading": "What your chart shows, in your words",
    "learned": "What you learned",
    "next_steps": "Your next steps",
}
CAPTION_PLACEHOLDERS: dict[str, str] = {
    "headline": "For example: Patients now wait 15 minutes less for a porter",
    "problem": "Leave empty to use the problem from your charter",
    "tried": "Leave empty to use your PDSA cycles",
    "chart_reading": "Leave empty to use what the chart rules say",
    "learned": "Leave empty to use what you wrote when you studied your tests",
    "next_steps": "Leave empty to use the next step of your latest test",
}
CAPTIONS_SHOWN = "Your words on the poster"
CAPTIONS_NONE = "You have not written any words of your own yet: the poster uses your records."
#: Said in the live storyboard above a part the team has put in its own words.
IN_OUR_WORDS = "In our words"

# -- the A3 storyboard --------------------------------------------------------------------------

PAGE_TITLE = "{team}: our improvement story"
HEADING_AIM = "Our aim"
HEADING_TEAM = "Our team"
HEADING_PROBLEM = "The problem"
HEADING_CAUSES = "What we think causes it"
HEADING_TRIED = "What we tried"
HEADING_CHART = "What our chart shows"
HEADING_LEARNED = "What we learned"
HEADING_NEXT = "Next steps"
STILL_GATHERING = "This team is still gathering its story."
STILL_GATHERING_MORE = (
    "Come and talk to us: we are working on our project and will have more to show soon."
)
NO_PROBLEM = "We have not written our problem down yet."
NO_CHART = "We have not collected any readings yet."
NO_NEXT_STEPS = "We will decide our next steps when we study our latest test."
#: Before the plain reading of the chart: what the chart rules found.
SIGNAL_LINE = "What the chart rules found: {icon}"
#: The chart's type and the rules it was read with.
CHART_READ_WITH = "{chart}, read with {rules}."
BACK_TO_GALLERY = "← Back to all the teams"
MORE_ON_TEAM_PAGE = "More of our story is on our team page."
CYCLE_LINE = "{title}: {decision}"
CYCLE_NO_DECISION = "{title}: still testing"
CYCLES_MORE = "… and {count} more tests."
CYCLES_ONE_MORE = "… and 1 more test."

# -- the gallery --------------------------------------------------------------------------------

GALLERY_TITLE = "{cohort}: celebrating our improvement projects"
GALLERY_TITLE_PLAIN = "Celebrating our improvement projects"
GALLERY_INTRO = (
    "Every team's story on one page. Choose a team to see its storyboard; each has a copy to print."
)
GALLERY_OPEN = "See the storyboard of {team}"
GALLERY_PDF = "Print copy (PDF) of {team}"
GALLERY_PDF_SHORT = "Print copy (PDF)"
GALLERY_NO_AIM = "This team is still writing its aim."
GALLERY_NO_TEAMS = "There are no teams in this cohort yet."
GALLERY_CHART_ALT = "The chart of “{measure}”: {icon}"

# -- what qikit showcase says -------------------------------------------------------------------

WROTE = "Wrote the showcase for {teams} to {folder}:"
WROTE_GALLERY = "  {file}: the gallery for the event (open it in a browser)"
WROTE_TEAM = "  {team}: {files}"
PDF_FAILED = "  {team}: no PDF ({reason}). The HTML page is there to print by hand."
PDF_SKIPPED = "PDFs were not made (--no-pdf): print the HTML pages from a browser if you need them."

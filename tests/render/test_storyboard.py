"""Does the team page's storyboard show the team's poster words, escaped, with its records?"""

from __future__ import annotations

from qikit.core.model import Project, ShowcaseCaptions, Team
from qikit.demo.samples import sample_records
from qikit.pages.storyboard import storyboard_html as page_storyboard
from qikit.render.storyboard import storyboard_html

PAYLOAD = '<script>alert(1)</script> & "quotes"'


def test_the_pages_storyboard_is_the_one_built_in_render() -> None:
    assert page_storyboard is storyboard_html


def test_captions_sit_above_their_part_escaped_and_the_records_words_stay() -> None:
    records = [r for r in sample_records() if not isinstance(r, Team)]
    captions = ShowcaseCaptions(headline=PAYLOAD, tried="We tried tablets.")
    board = storyboard_html(Project.of([*records, captions]))
    assert "<script>" not in board
    assert (
        '<p class="qikit-headline">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes'
        in board
    )
    tried = board.split("The changes we tested")[1]
    assert tried.index("In our words") < tried.index("We tried tablets.") < tried.index("<ol>")
    assert "A tablet on ward 3 for one week" in tried


def test_without_captions_there_is_no_in_our_words_box_and_next_steps_come_from_the_tests() -> None:
    board = storyboard_html(Project.of([r for r in sample_records() if not isinstance(r, Team)]))
    assert "In our words" not in board
    assert "Ask the facilities manager for tablets" in board.split("Next steps")[1]
    assert "We will decide our next steps" in storyboard_html(Project())

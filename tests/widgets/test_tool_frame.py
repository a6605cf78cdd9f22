"""Does one tool frame serve the tools, the mentor's comments and the dashboard alike?"""

from __future__ import annotations

import ipywidgets as widgets

from qikit.widgets import base as ui


def test_is_a_tool_framed_with_an_h2_the_shared_style_and_full_width() -> None:
    box = widgets.HTML("part")
    frame = ui.tool_frame("Charter & aim", box)
    top = frame.children[0].value
    assert top.startswith(ui.QIKIT_CSS)
    assert "<h2>Charter &amp; aim</h2>" in top  # the title is escaped
    assert frame.children[1] is box
    assert "qikit-tool" in frame._dom_classes
    assert frame.layout.width == ui.FULL_WIDTH["width"]


def test_does_a_part_beside_a_tool_get_an_h3_after_its_own_style() -> None:
    top = ui.tool_frame("Your mentor says", css="<style>.x{}</style>", level=3).children[0].value
    assert top == f"{ui.QIKIT_CSS}<style>.x{{}}</style><h3>Your mentor says</h3>"


def test_is_a_note_a_quiet_escaped_sentence_under_the_heading() -> None:
    top = ui.tool_frame("Cohort", note="Teams <b>first</b>").children[0].value
    assert top.endswith('<h2>Cohort</h2><p class="qikit-note">Teams &lt;b&gt;first&lt;/b&gt;</p>')
    assert "qikit-note" not in ui.tool_frame("Cohort").children[0].value

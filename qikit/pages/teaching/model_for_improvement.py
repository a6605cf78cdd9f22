"""The Model for Improvement: the three questions, answered for the porters' story, then PDSA.

Live, the trainer reveals one question at a time ("Show the next question"), so the room can
think before the answer is on the screen; the porters' run chart closes the story.
"""

from __future__ import annotations

from qikit.core.spc.qic import qic
from qikit.core.wording import teaching as words
from qikit.pages.frame import View
from qikit.pages.teaching.frame import chart_html, teaching_data, teaching_page
from qikit.render.text import escape

__all__ = ["build", "pdsa_html", "question_html"]


def question_html(index: int) -> str:
    """Return question ``index`` (from 0) and its answer for the porters, as a card."""
    question, answer = words.MFI_QUESTIONS[index]
    return (
        f'<section class="qikit-card"><h2>{escape(question)}</h2><p>{escape(answer)}</p></section>'
    )


def pdsa_html() -> str:
    """Return the four steps of a PDSA cycle for the porters' change, as a list."""
    items = "".join(
        f"<li><strong>{escape(step)}:</strong> {escape(text)}</li>" for step, text in words.MFI_PDSA
    )
    return f"<h2>{escape(words.MFI_PDSA_HEADING)}</h2><ul>{items}</ul>"


def _chart() -> str:
    data = teaching_data()
    result = qic(list(data.values), x=list(data.dates), chart="run")
    pdsa = [(int(data.change_at), str(data.change_label))] if data.change_at else None
    reading = " ".join(s.plain for s in result.signals) or result.reading().plain
    return (
        f"<h2>{escape(words.MFI_CHART_HEADING)}</h2>"
        f"{chart_html(result, title=data.title, y_label=data.y_label, pdsa=pdsa)}"
        f"<p>{escape(reading)}</p>"
    )


def build(mode: str, *, cohort: str | None = None) -> View:
    """Return the page: live with the questions revealed one by one, or all of it ("review")."""
    total = len(words.MFI_QUESTIONS)
    if mode == "review":
        parts = [question_html(i) for i in range(total)] + [pdsa_html(), _chart()]
        return teaching_page(words.MFI_TITLE, words.MFI_INTRO, parts, mode="review")
    import ipywidgets as widgets

    from qikit.widgets.base import big_button

    cards = [widgets.HTML(question_html(i)) for i in range(total)]
    rest = widgets.HTML(pdsa_html() + _chart())
    count = widgets.HTML()
    next_button = big_button(words.MFI_NEXT, style="primary")
    all_button = big_button(words.MFI_ALL)
    restart = big_button(words.MFI_START)
    shown = [1]

    def refresh() -> None:
        for index, card in enumerate(cards):
            card.layout.display = "" if index < shown[0] else "none"
        rest.layout.display = "" if shown[0] >= total else "none"
        next_button.disabled = shown[0] >= total
        count.value = (
            f'<p class="qikit-note">'
            f"{escape(words.MFI_QUESTION_COUNT.format(shown=shown[0], total=total))}</p>"
        )

    def reveal(how_many: int) -> None:
        shown[0] = max(1, min(total, how_many))
        refresh()

    next_button.on_click(lambda _: reveal(shown[0] + 1))
    all_button.on_click(lambda _: reveal(total))
    restart.on_click(lambda _: reveal(1))
    refresh()
    controls = widgets.HBox([next_button, all_button, restart])
    return teaching_page(
        words.MFI_TITLE, words.MFI_INTRO, [count, *cards, controls, rest], mode="app"
    )

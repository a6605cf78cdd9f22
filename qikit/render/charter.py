"""The charter as static HTML: what a mentor sees in an executed notebook (no kernel needed)."""

from __future__ import annotations

from qikit.core.model import Charter, Project
from qikit.core.wording import charter as words
from qikit.render.text import escape


def _paragraphs(value: str) -> str:
    parts = [p for p in value.split("\n") if p.strip()]
    if not parts:
        return '<p class="qikit-empty">(not written yet)</p>'
    return "".join(f"<p>{escape(p)}</p>" for p in parts)


def render_charter_html(charter: Charter | None) -> str:
    """Return the charter and its aim sentence as escaped HTML."""
    charter = charter or Charter()
    rows = []
    for key in ("problem", "why_it_matters", "scope"):
        rows.append(f"<h4>{escape(words.LABELS[key])}</h4>{_paragraphs(getattr(charter, key))}")
    sentence = charter.aim_sentence()
    missing = charter.missing_aim_parts()
    aim = (
        f"<p><strong>{escape(sentence)}</strong></p>"
        if sentence
        else f"<p>{escape(words.AIM_EMPTY)}</p>"
    )
    if missing:
        aim += f"<p>{escape(words.AIM_MISSING)} {escape(' '.join(missing))}</p>"
    else:
        aim += f"<p>{escape(words.AIM_COMPLETE)}</p>"
    return (
        '<section class="qikit-charter">'
        + "".join(rows)
        + f"<h4>{escape(words.AIM_HEADING)}</h4>{aim}</section>"
    )


def example_charter() -> Charter:
    """Return the worked example (a portering team's charter)."""
    return Charter(**words.EXAMPLE)


def render_static(project: Project) -> str:
    """Return the team's charter for a mentor's review."""
    return f"<h3>{escape(words.TITLE)}</h3>" + render_charter_html(project.charter)

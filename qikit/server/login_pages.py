"""The few plain pages ``qikit serve`` shows itself: the list of teams, the code page, hubs.

Every piece of text from a file (cohort and team names, file names) is HTML-escaped here; the
handlers pass plain strings. Wording follows the guide: short sentences, everyday words.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from qikit.render.text import escape

_CSS = """
body { font-family: Arial, Helvetica, sans-serif; margin: 0; color: #1d1d1d; background: #f4f6f8; }
main { max-width: 40em; margin: 0 auto; padding: 1.5em 1em 3em; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.6em; }
h2 { font-size: 1.2em; margin-top: 1.6em; }
ul.links { list-style: none; padding: 0; }
ul.links li { margin: 0 0 0.6em; }
ul.links a { display: block; padding: 0.8em 1em; background: #fff; border: 1px solid #c8ced6;
             border-radius: 6px; color: #0b4f8a; text-decoration: none; font-size: 1.1em; }
ul.links a:hover, ul.links a:focus { border-color: #0b4f8a; text-decoration: underline; }
label { display: block; font-weight: bold; margin: 1em 0 0.4em; }
input[type=text] { font-size: 1.4em; padding: 0.4em; width: 100%; max-width: 14em;
                   letter-spacing: 0.08em; text-transform: uppercase; box-sizing: border-box; }
button { font-size: 1.1em; padding: 0.6em 1.2em; margin-top: 1em; background: #0b4f8a;
         color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
a:focus-visible, input:focus-visible, button:focus-visible {
  outline: 3px solid #0b4f8a; outline-offset: 2px; }
.message { border-left: 6px solid #a4262c; background: #fff; padding: 0.6em 1em; }
.note { color: #444; }
"""

#: The pages' one inline style, exactly (the Content-Security-Policy allows it by its hash).
PAGE_STYLE = _CSS

# Shared ward computers stay switched on: let people make the browser forget their codes.
_SIGN_OUT = (
    '<p class="note"><a href="/qikit/logout">Sign out on this computer</a> '
    "(the browser forgets every code typed here).</p>"
)


def _page(title: str, body: str, *, status_note: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{PAGE_STYLE}</style></head>"
        f"<body><main>{status_note}{body}</main></body></html>\n"
    )


def _links(items: Sequence[tuple[str, str]]) -> str:
    if not items:
        return '<p class="note">Nothing here yet.</p>'
    rows = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in items)
    return f'<ul class="links">{rows}</ul>'


def notebook_url(relative_path: str) -> str:
    """Return the Voilà address of a notebook given by its path inside the cohort folder."""
    return "/voila/render/" + quote(relative_path)


def landing_page(
    cohort_name: str,
    teams: Sequence[tuple[str, str]],
    *,
    mentors_href: str = "/qikit/mentors",
    trainers_href: str = "/qikit/trainers",
    survey_href: str | None = None,
) -> str:
    """Return the page at ``/``: the cohort's name, its teams (name, address), other areas.

    ``survey_href`` (when the cohort has the skills survey) adds its link for everyone.
    """
    survey = (
        "<h2>Skills survey</h2>"
        + _links([(survey_href, "Fill in the skills survey (any code from your QI lead opens it)")])
        if survey_href
        else ""
    )
    body = (
        f"<h1>{escape(cohort_name)}</h1>"
        "<p>Choose your team. You will be asked for your team's code the first time.</p>"
        "<h2>Teams</h2>"
        + _links(teams)
        + survey
        + "<h2>Mentors and trainers</h2>"
        + _links([(mentors_href, "Mentors' pages"), (trainers_href, "Trainers' pages")])
        + _SIGN_OUT
    )
    return _page(cohort_name, body)


def login_page(
    *,
    heading: str,
    kind: str,
    next_url: str,
    xsrf_html: str,
    message: str = "",
) -> str:
    """Return the code page for one area (``kind``: team, mentors, trainers or survey)."""
    if kind == "survey":
        ask = "Type your team's code (any code from your QI lead works for the survey)."
        button = "Open the survey"
    elif kind == "team":
        ask = "Type your team's code. You will find it on the card from your QI lead."
        button = "Open my team's pages"
    elif kind == "mentors":
        ask = "Type the mentors' code. You will find it on the card from your QI lead."
        button = "Open the mentors' pages"
    else:
        ask = "Type the trainers' code."
        button = "Open the trainers' pages"
    note = f'<p class="message" role="alert">{escape(message)}</p>' if message else ""
    body = (
        f"<h1>{escape(heading)}</h1>"
        f"{note}"
        f'<form method="post" action="/qikit/login">{xsrf_html}'
        f'<input type="hidden" name="next" value="{escape(next_url)}">'
        f'<label for="code">{escape(ask)}</label>'
        '<input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters"'
        ' autocorrect="off" spellcheck="false" required placeholder="ABCD-EFGH-JKMN">'
        f'<div><button type="submit">{escape(button)}</button></div></form>'
        '<p class="note">Capitals or small letters both work. The dashes are optional.</p>'
        '<p><a href="/">Back to the list of teams</a></p>'
    )
    return _page(heading, body)


def message_page(title: str, message: str) -> str:
    """Return a page with one plain message and a way back."""
    body = (
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p>"
        '<p><a href="/">Back to the list of teams</a></p>'
    )
    return _page(title, body)


def hub_page(
    title: str, intro: str, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str:
    """Return a page of links in titled sections (a team's pages, the mentors' area …)."""
    parts = [f"<h1>{escape(title)}</h1><p>{escape(intro)}</p>"]
    for heading, items in sections:
        parts.append(f"<h2>{escape(heading)}</h2>{_links(items)}")
    parts.append('<p><a href="/">Back to the list of teams</a></p>' + _SIGN_OUT)
    return _page(title, "".join(parts))

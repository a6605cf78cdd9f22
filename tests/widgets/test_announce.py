"""Are "Saved" and failures put where screen readers say them — politely, or at once?

No kernel and no browser: what is checked is what the widget sends to the page (its synced
values). The browser side (one persistent live region per kind, emptied and filled again) is
checked in ``tests/browser/test_accessibility.py``.
"""

from __future__ import annotations

from datetime import datetime

from qikit.widgets.announce import Announcer
from qikit.widgets.base import SaveStatus


def test_say_shows_plain_text_escaped_and_counts_each_saying() -> None:
    announcer = Announcer()
    announcer.say("Saved <b>10:32</b> & done")
    assert announcer.value == "Saved &lt;b&gt;10:32&lt;/b&gt; &amp; done"
    assert announcer.text == "Saved <b>10:32</b> & done"
    assert announcer.urgent is False and announcer.said == 1
    announcer.say("Saved <b>10:32</b> & done")  # the same words again are said again
    assert announcer.said == 2


def test_urgent_words_go_to_the_alert_and_clear_says_nothing() -> None:
    announcer = Announcer()
    announcer.say("Not saved: the box is too long.", urgent=True)
    assert announcer.urgent is True and announcer.text == "Not saved: the box is too long."
    said = announcer.said
    announcer.clear()
    assert announcer.value == "" and announcer.urgent is False and announcer.said == said


def test_a_hidden_announcer_is_for_screen_readers_only() -> None:
    assert "qikit-sr-only" in Announcer(hidden=True)._dom_classes
    assert "qikit-sr-only" not in Announcer()._dom_classes


def test_the_browser_side_uses_two_persistent_live_regions_and_no_network() -> None:
    esm = Announcer._esm
    assert isinstance(esm, str)
    assert 'setAttribute("role", "status")' in esm and '"aria-live", "polite"' in esm
    assert 'setAttribute("role", "alert")' in esm and '"aria-live", "assertive"' in esm
    assert "import" not in esm and "fetch(" not in esm and "http" not in esm


def test_save_status_says_saved_politely_and_a_failure_at_once() -> None:
    status = SaveStatus()
    assert isinstance(status.widget, Announcer) and "qikit-status" in status.widget._dom_classes
    status.saved(datetime(2027, 1, 4, 10, 32))
    assert status.widget.text == "Saved 10:32" and status.widget.urgent is False
    assert status.last_error is None

    status.failed("the name is too long <200>.")
    assert status.widget.urgent is True and status.last_error == "the name is too long <200>."
    assert status.widget.text.startswith("Not saved: the name is too long <200>. Your writing")
    assert "&lt;200&gt;" in status.widget.value  # the message is text, never markup
    assert "qikit-status-error" in status.widget._dom_classes

    status.say("Your reply is saved.")
    assert status.widget.urgent is False and status.last_error is None
    assert "qikit-status-error" not in status.widget._dom_classes

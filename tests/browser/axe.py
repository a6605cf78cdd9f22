"""axe-core in a Playwright page: the serious and critical accessibility problems, as lines.

``make test`` installs axe-core from the npm registry into ``<venv>/node`` (see the Makefile's
``AXE_JS``). Without it the check fails and says so: an accessibility test that skips itself
when its checker is missing would protect nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
_IN_NODE = Path("node") / "node_modules" / "axe-core" / "axe.min.js"

#: Where ``make test`` puts axe-core: beside the interpreter running the tests (its venv), or
#: the repository's default ``.venv``. ``QIKIT_AXE_JS`` names another copy.
AXE_PLACES = (Path(sys.prefix) / _IN_NODE, REPO / ".venv" / _IN_NODE)

#: The impacts that fail a page (axe's four: minor, moderate, serious, critical).
FAILING_IMPACTS = ("serious", "critical")

#: Rules switched off, each with why. Only false positives inside Voilà's or JupyterLab's own
#: widget chrome that qikit cannot reach belong here; everything else is fixed in qikit.
DISABLED_RULES: dict[str, str] = {}


def axe_script() -> Path:
    """Return the path of ``axe.min.js``; fail the test (never skip) when it is not installed."""
    named = os.environ.get("QIKIT_AXE_JS")
    places = (Path(named),) if named else AXE_PLACES
    for place in places:
        if place.is_file():
            return place
    pytest.fail(
        "axe-core is not installed (looked in "
        + ", ".join(str(p) for p in places)
        + "): run make test (it installs axe-core)",
        pytrace=False,
    )


def violations(page: Any, impacts: tuple[str, ...] = FAILING_IMPACTS) -> list[str]:
    """Return one readable line per element that breaks an axe rule with one of ``impacts``.

    Each line: rule id, impact, the element (its CSS selector), what the rule asks for, and
    axe's note on how to fix it.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        # Run as the test's own script, not a <script> tag the page's Content-Security-Policy
        # would refuse (qikit's pages allow only their own inline code); ";true" keeps it a script.
        page.evaluate(axe_script().read_text(encoding="utf-8") + "\n;true")
    options = {"rules": {rule: {"enabled": False} for rule in DISABLED_RULES}}
    result = page.evaluate(
        "async (options) => (await axe.run(document, options)).violations", options
    )
    lines = []
    for rule in result:
        if rule.get("impact") not in impacts:
            continue
        for node in rule["nodes"]:
            target = " ".join(str(part) for part in node.get("target", []))
            note = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{rule['id']} ({rule['impact']}) at {target}: {rule['help']}. {note}")
    return lines


def serious_violations(page: Any) -> list[str]:
    """Return the serious and critical violations on the page (see :func:`violations`)."""
    return violations(page, FAILING_IMPACTS)

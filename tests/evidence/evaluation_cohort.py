"""A cohort with survey answers and team work, for the evaluation report's tests (a helper
module, not a conftest: the CLI tests import it too)."""

from __future__ import annotations

from pathlib import Path

from qikit.core.model import Team
from qikit.demo.samples import build_sample_project
from qikit.demo.survey import add_demo_survey
from qikit.store import open_store
from qikit.store.records import save_record
from qikit.store.survey import save_survey_answers

#: A team name that would run as a script if the report forgot to escape it.
NASTY_TEAM = "Porters <script>alert('qikit')</script> & co"


def make_evaluation_cohort(folder: Path) -> Path:
    """Return ``folder`` made into a cohort: two teams' work and the demo survey."""
    folder.mkdir(parents=True, exist_ok=True)
    with open_store(folder / "qikit.db") as store:
        save_record(store, "porters", Team(name=NASTY_TEAM, slug="porters"), author="test setup")
        build_sample_project(store, "porters", author="test setup")
        save_record(store, "catering", Team(name="Catering", slug="catering"), author="test setup")
        add_demo_survey(store)
        # A written answer that must never reach the report.
        save_survey_answers(
            store,
            "SECRET1",
            "pre",
            {"anything_else": "<script>Jo on ward 3</script>"},
            author="test setup",
        )
    return folder

"""``qikit demo``: the example support-services cohort, with sample work, served in Voilà.

What a new trainer or programme lead sees first: six teams from the example template, two of
which (portering and domestic services) already have work entered, and printed codes to get in.
Running it again keeps everything typed since (the build is idempotent and the sample data is
only added where a tool is still empty); only the demo codes are re-issued, so they can be shown.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from qikit.cohort.access import MENTORS, TRAINERS, issue_codes, team_area
from qikit.cohort.build import build_cohort
from qikit.cohort.template import load_template
from qikit.core.model import Measure, Record
from qikit.core.model.measures import RuleSet
from qikit.demo.samples import build_sample_project
from qikit.demo.survey import add_demo_survey
from qikit.layout import (
    TEACHING_WORKBOOK,
    TRAINERS_FOLDER,
    example_template,
    store_path,
    workbooks_source,
)
from qikit.server import serve_cohort
from qikit.store import open_store
from qikit.store.records import save_record
from qikit.store.survey import load_survey_responses

DEMO_AUTHOR = "qikit demo"
DEMO_FOLDER = Path("cohorts") / "demo"
#: The teams of the example template that get sample work, and where it comes from.
PORTERING = "portering"
DOMESTIC = "domestic-services"


def _domestic_records() -> list[Record]:
    """The worked examples of a domestic-services team (fishbone and bed-turnaround measure).

    Their measure is read with NHS Making Data Count (its direction and target are set), so the
    demo shows the variation and assurance icons; the porters' chart keeps the run chart rules.
    """
    from qikit.render import fishbone, measures

    records: list[Record] = []
    for project in (fishbone.example_project(), measures.example_project()):
        records += [
            dataclasses.replace(r, rule_set=RuleSet.MDC) if isinstance(r, Measure) else r
            for r in project.all_records()
            if r.KIND.value != "team"
        ]
    return records


def prepare_demo(folder: str | os.PathLike[str] = DEMO_FOLDER) -> tuple[Path, dict[str, str]]:
    """Build (or refresh) the demo cohort; return its folder and fresh codes to show."""
    template = load_template(example_template())
    result = build_cohort(template, folder)
    slugs = {team.slug for team in template.teams}
    with open_store(store_path(result.folder)) as store:
        if PORTERING in slugs and not store.list(PORTERING, "charter"):
            build_sample_project(store, PORTERING, author=DEMO_AUTHOR)
        if DOMESTIC in slugs and not store.list(DOMESTIC, "fishbone"):
            for record in _domestic_records():
                save_record(store, DOMESTIC, record, author=DEMO_AUTHOR)
        if not load_survey_responses(store):
            add_demo_survey(store)
    trainer_dir = result.folder / TRAINERS_FOLDER
    trainer_dir.mkdir(exist_ok=True)
    demo_chart = workbooks_source() / TEACHING_WORKBOOK
    if demo_chart.is_file() and not (trainer_dir / demo_chart.name).exists():
        shutil.copyfile(demo_chart, trainer_dir / demo_chart.name)
    areas = [team_area(s) for s in (PORTERING, DOMESTIC) if s in slugs] + [MENTORS, TRAINERS]
    codes = issue_codes(result.folder, areas, reissue=True)
    return result.folder, codes


def run_demo(*, port: int = 8866, ip: str = "127.0.0.1") -> int:
    """Prepare the demo cohort, print its address and codes, and serve it until stopped."""
    folder, codes = prepare_demo()
    print(f"Demo cohort ready in {folder}")
    print("Codes for this demo (they change each time qikit demo starts):")
    for area, code in codes.items():
        label = area.removeprefix("team:").replace("-", " ").capitalize()
        print(f"  {label:<20} {code}")
    return serve_cohort(folder, port=port, ip=ip)

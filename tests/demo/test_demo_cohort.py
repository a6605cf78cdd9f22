"""Does `qikit demo` prepare a cohort a new user can walk into?"""

from __future__ import annotations

from pathlib import Path

from qikit.cohort.access import verify
from qikit.demo.cohort import DOMESTIC, PORTERING, prepare_demo
from qikit.store import open_store
from qikit.store.records import load_project


def test_the_demo_cohort_has_six_teams_two_with_work_and_codes_that_open_them(
    tmp_path: Path,
) -> None:
    folder, codes = prepare_demo(tmp_path / "demo")
    assert sorted(p.name for p in (folder / "teams").iterdir()) == [
        "catering",
        "domestic-services",
        "healthcare-assistants-ward-12",
        "laundry-and-linen",
        "outpatient-reception",
        "portering",
    ]
    with open_store(folder / "qikit.db", create=False) as store:
        portering = load_project(store, PORTERING)
        domestic = load_project(store, DOMESTIC)
        catering = load_project(store, "catering")
    assert portering.charter is not None and portering.charter.aim_sentence()
    assert len(portering.causes) >= 5 and portering.measures and portering.pdsa_cycles
    assert domestic.fishbone is not None and len(domestic.causes) >= 5 and domestic.measures
    # the domestic team's chart shows the Making Data Count icons; the porters' the run chart rules
    assert [m.rule_set.value for m in domestic.measures] == ["mdc"]
    assert {m.rule_set.value for m in portering.measures} == {"anhoej"}
    assert not catering.causes  # the other teams start empty
    assert set(codes) == {f"team:{PORTERING}", f"team:{DOMESTIC}", "mentors", "trainers"}
    for area, code in codes.items():
        assert verify(folder, area, code)
    assert (folder / "trainers" / "demo_run_chart.ipynb").is_file()


def test_running_the_demo_again_keeps_what_was_typed_and_issues_new_codes(tmp_path: Path) -> None:
    folder, first = prepare_demo(tmp_path / "demo")
    with open_store(folder / "qikit.db") as store:
        store.save(PORTERING, "charter", "main", {"scope": "Typed during the demo"}, author="Ann")
    folder, second = prepare_demo(tmp_path / "demo")
    with open_store(folder / "qikit.db", create=False) as store:
        assert store.get(PORTERING, "charter", "main").data["scope"] == "Typed during the demo"
    assert not verify(folder, f"team:{PORTERING}", first[f"team:{PORTERING}"])
    assert verify(folder, f"team:{PORTERING}", second[f"team:{PORTERING}"])

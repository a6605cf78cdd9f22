"""Does every record in the store stay one the project model accepts?"""

from __future__ import annotations

from pathlib import Path

import pytest

from qikit.core.model import Cause, Charter, PdsaCycle, Project
from qikit.errors import DataError
from qikit.store import open_store
from qikit.store.records import load_project, load_record, save_changes, save_record


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "cohort.db") as opened:
        yield opened


def test_a_record_saves_and_loads_as_the_same_model_object(store) -> None:  # type: ignore[no-untyped-def]
    charter = Charter(
        record_id="main", problem="Patients wait <b>long</b> 🚑", aim_what="reduce waits"
    )
    save_record(store, "ward-3", charter, author="Ann")
    assert load_record(store, "ward-3", "charter", "main") == charter


def test_two_valid_edits_that_combine_into_an_invalid_record_are_refused(store) -> None:  # type: ignore[no-untyped-def]
    cycle = PdsaCycle(record_id="c1", title="Nearest porter", prediction="Waits will drop")
    save_record(store, "ward-3", cycle, author="Ann")
    # Ann (in one tab) moves the cycle on to "do"; Bob (another tab) clears the prediction.
    save_changes(store, "ward-3", "pdsa", "c1", {"status": "do"}, author="Ann")
    with pytest.raises(DataError):
        save_changes(store, "ward-3", "pdsa", "c1", {"prediction": ""}, author="Bob")
    kept = load_record(store, "ward-3", "pdsa", "c1")
    assert kept.prediction == "Waits will drop" and kept.status == "do"
    assert [h.author for h in store.history("ward-3", "pdsa", "c1")] == ["Ann", "Ann"]


def test_an_invalid_change_writes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataError):
        save_changes(
            store, "ward-3", "cause", "x1", {"category": "", "text": "Lifts broken"}, author="Ann"
        )
    assert store.get("ward-3", "cause", "x1") is None
    assert store.history("ward-3", "cause", "x1") == []


def test_unknown_kinds_are_refused(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataError, match="kind"):
        save_changes(store, "ward-3", "spreadsheet", "a", {"x": 1}, author="Ann")


def test_the_whole_project_loads(store) -> None:  # type: ignore[no-untyped-def]
    save_record(store, "ward-3", Charter(record_id="main", problem="Slow"), author="Ann")
    save_record(
        store,
        "ward-3",
        Cause(record_id="k1", category="People", text="Short-staffed"),
        author="Ann",
    )
    project = load_project(store, "ward-3")
    assert isinstance(project, Project)
    assert project.charter is not None and project.charter.problem == "Slow"
    assert [c.text for c in project.causes] == ["Short-staffed"]

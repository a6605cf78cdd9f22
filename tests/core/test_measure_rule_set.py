"""Does a measure keep the rules its chart is read with, and read old records without them?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import Measure, RecordKind
from qikit.core.model.measures import MDC_RUN_CHART, RuleSet, resolve_chart
from qikit.core.model.record import FIELD_LABELS
from qikit.core.spc.rules import RULE_SETS
from qikit.errors import FieldError
from qikit.store.base import Store
from qikit.store.records import load_project, save_changes, save_record
from qikit.store.sqlite import SqliteStore

TEAM = "ward-3"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = SqliteStore(tmp_path / "cohort.db")
    yield opened
    opened.close()


def test_a_new_measure_is_read_with_the_run_chart_rules() -> None:
    assert Measure(record_id="m1", name="Waits").rule_set is RuleSet.ANHOEJ


def test_the_stored_values_are_the_names_of_registered_rule_sets() -> None:
    """Are the permanent values exactly the registry's names, so qic(method=...) takes them?"""
    assert [r.value for r in RuleSet] == ["anhoej", "ihi", "mdc"]
    assert all(r.value in RULE_SETS for r in RuleSet)


@pytest.mark.parametrize("value", ["anhoej", "ihi", "mdc"])
def test_each_choice_survives_the_store(store: Store, value: str) -> None:
    save_record(store, TEAM, Measure(record_id="m1", name="Waits", rule_set=value), author="Ann")
    (loaded,) = load_project(store, TEAM, strict=True).measures
    assert loaded.rule_set is RuleSet(value)
    assert store.get(TEAM, "measure", "m1").data["rule_set"] == value


def test_changing_only_the_rules_keeps_the_rest(store: Store) -> None:
    save_record(store, TEAM, Measure(record_id="m1", name="Waits", target=20.0), author="Ann")
    save_changes(store, TEAM, RecordKind.MEASURE, "m1", {"rule_set": "ihi"}, author="Bob")
    (loaded,) = load_project(store, TEAM, strict=True).measures
    assert (loaded.rule_set, loaded.target, loaded.name) == (RuleSet.IHI, 20.0, "Waits")


def test_an_unknown_rule_set_is_refused_naming_the_field(store: Store) -> None:
    with pytest.raises(FieldError) as caught:
        Measure(record_id="m1", name="Waits", rule_set="nhs")
    assert caught.value.key == "rule_set"
    assert "Chart rules" in str(caught.value) and "nhs" in str(caught.value)
    assert "anhoej, ihi, mdc" in str(caught.value)
    save_record(store, TEAM, Measure(record_id="m1", name="Waits"), author="Ann")
    with pytest.raises(FieldError, match="Chart rules"):
        save_changes(store, TEAM, RecordKind.MEASURE, "m1", {"rule_set": "bestbox"}, author="A")
    assert store.get(TEAM, "measure", "m1").data["rule_set"] == "anhoej"


def test_a_record_stored_before_the_field_existed_loads(store: Store) -> None:
    store.save(TEAM, "measure", "old", {"name": "Waits", "chart": "run"}, author="2026 kit")
    (loaded,) = load_project(store, TEAM, strict=True).measures
    assert loaded.rule_set is RuleSet.ANHOEJ


def test_the_field_has_a_plain_label_for_history() -> None:
    assert FIELD_LABELS[RecordKind.MEASURE]["rule_set"] == "Chart rules"


@pytest.mark.parametrize(
    ("rules", "points", "choice", "expected"),
    [
        ("anhoej", 5, "auto", "run"),
        ("ihi", 5, "run", "run"),
        ("mdc", 5, "auto", MDC_RUN_CHART),  # a run chart has no limits for MDC to read
        ("mdc", 5, "run", MDC_RUN_CHART),
        ("mdc", 20, "auto", "i"),
        ("mdc", 20, "c", MDC_RUN_CHART),  # a choice that no longer fits, then MDC's chart
    ],
)
def test_making_data_count_never_reads_a_run_chart(
    rules: str, points: int, choice: str, expected: str
) -> None:
    measure = Measure(record_id="m1", name="Waits", rule_set=rules)
    assert resolve_chart(measure, points, choice) == expected

"""Does the choice of chart rules save with the measure, tell the tool, and never save by itself?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import Measure, RecordKind
from qikit.core.model.measures import RuleSet
from qikit.core.wording import rules as words
from qikit.store.base import Store
from qikit.store.records import load_project, save_record
from qikit.store.sqlite import SqliteStore
from qikit.widgets.base import ToolContext
from qikit.widgets.rule_choice import RuleSetChoice

TEAM = "ward-3"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = SqliteStore(tmp_path / "cohort.db")
    yield opened
    opened.close()


@pytest.fixture
def context(store: Store) -> ToolContext:
    save_record(store, TEAM, Measure(record_id="m1", name="Waits"), author="Ann")
    save_record(store, TEAM, Measure(record_id="m2", name="Beds", rule_set="ihi"), author="Ann")
    return ToolContext(store, TEAM, "Bob")


def measure(context: ToolContext, record_id: str) -> Measure:
    found = context.record(RecordKind.MEASURE, record_id)
    assert isinstance(found, Measure)
    return found


def test_the_list_offers_the_three_rule_sets_by_name_with_a_visible_label(
    context: ToolContext,
) -> None:
    choice = RuleSetChoice(context)
    assert choice.picker.description == words.RULE_SET_LABEL
    assert [label for label, _ in choice.picker.options] == [
        "Run chart rules (Anhøj)",
        "IHI rules",
        "NHS Making Data Count",
    ]
    assert [value for _, value in choice.picker.options] == ["anhoej", "ihi", "mdc"]
    assert choice.picker.disabled  # no measure shown yet
    assert words.PICK_A_MEASURE_FIRST in choice.explanation.value


def test_a_change_saves_the_rules_with_the_measure_and_tells_the_tool(
    context: ToolContext, store: Store
) -> None:
    calls: list[str] = []
    choice = RuleSetChoice(context, on_changed=lambda: calls.append("redraw"))
    choice.show(measure(context, "m1"))
    choice.picker.value = "mdc"
    assert measure(context, "m1").rule_set is RuleSet.MDC
    assert calls == ["redraw"]
    assert choice.status.widget.value.startswith("Saved")
    assert words.RULE_SET_CHOICES[RuleSet.MDC][1] in choice.explanation.value
    latest = store.history(TEAM, "measure", "m1")[-1]
    assert latest.author == "Bob"
    # the other measure is untouched
    assert measure(context, "m2").rule_set is RuleSet.IHI


def test_showing_a_measure_does_not_save(context: ToolContext, store: Store) -> None:
    calls: list[str] = []
    choice = RuleSetChoice(context, on_changed=lambda: calls.append("redraw"))
    versions = {rid: len(store.history(TEAM, "measure", rid)) for rid in ("m1", "m2")}
    choice.show(measure(context, "m2"))
    assert choice.value is RuleSet.IHI and not choice.picker.disabled
    assert words.RULE_SET_CHOICES[RuleSet.IHI][1] in choice.explanation.value
    choice.show(measure(context, "m1"))
    assert choice.value is RuleSet.ANHOEJ
    choice.show(None)
    assert choice.picker.disabled
    assert {rid: len(store.history(TEAM, "measure", rid)) for rid in ("m1", "m2")} == versions
    assert calls == [] and choice.status.widget.value == ""


def test_the_choice_goes_to_the_measure_shown_last(context: ToolContext) -> None:
    choice = RuleSetChoice(context)
    choice.show(measure(context, "m1"))
    choice.show(measure(context, "m2"))
    choice.picker.value = "anhoej"
    assert measure(context, "m2").rule_set is RuleSet.ANHOEJ
    assert measure(context, "m1").rule_set is RuleSet.ANHOEJ  # as it was
    assert len(context.store.history(TEAM, "measure", "m1")) == 1


def test_a_failed_save_says_so_and_does_not_tell_the_tool(context: ToolContext) -> None:
    calls: list[str] = []
    choice = RuleSetChoice(context, on_changed=lambda: calls.append("redraw"))
    choice.show(measure(context, "m1"))
    context.delete(RecordKind.MEASURE, "m1")  # deleted elsewhere: the record is gone
    choice.picker.value = "ihi"
    assert calls == []
    assert "Not saved" in choice.status.widget.value
    assert not [m for m in load_project(context.store, TEAM).measures if m.record_id == "m1"]


def test_reload_shows_what_is_stored_now(context: ToolContext) -> None:
    choice = RuleSetChoice(context)
    choice.show(measure(context, "m1"))
    context.save(RecordKind.MEASURE, "m1", {"rule_set": "mdc"})  # another tab, say
    choice.reload()
    assert choice.value is RuleSet.MDC

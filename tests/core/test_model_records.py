"""Does every record class get its kind, its labels and its dataclass form from its class line?"""

from __future__ import annotations

import dataclasses

import pytest

from qikit.core.model import RECORD_TYPES, PdsaCycle, Record, RecordKind
from qikit.core.model.record import FIELD_LABELS


def test_every_kind_has_a_class_and_a_row_of_labels() -> None:
    assert set(RECORD_TYPES) == set(RecordKind) == set(FIELD_LABELS)


@pytest.mark.parametrize("kind", list(RecordKind))
def test_a_record_class_is_a_frozen_keyword_only_dataclass_of_its_kind(kind: RecordKind) -> None:
    cls = RECORD_TYPES[kind]
    assert cls.KIND is kind
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen
    assert all(f.kw_only for f in dataclasses.fields(cls))


@pytest.mark.parametrize("kind", list(RecordKind))
def test_every_stored_field_has_a_plain_label(kind: RecordKind) -> None:
    cls = RECORD_TYPES[kind]
    stored = {f.name for f in dataclasses.fields(cls)} - {"record_id"}
    assert set(cls.LABELS) == stored
    assert all(label.strip() for label in cls.LABELS.values())


def test_only_the_singleton_kinds_are_singletons() -> None:
    singletons = {kind for kind, cls in RECORD_TYPES.items() if cls.SINGLETON}
    assert singletons == {
        RecordKind.TEAM,
        RecordKind.CHARTER,
        RecordKind.FISHBONE,
        RecordKind.PROCESS_MAP,
        RecordKind.SHOWCASE,
    }


def test_a_record_class_without_a_kind_is_refused() -> None:
    with pytest.raises(TypeError):

        class Nameless(Record):  # type: ignore[call-arg]
            text: str = ""


def test_every_free_text_of_a_pdsa_stage_is_a_field_of_the_cycle() -> None:
    keys = [k for stage in PdsaCycle.STAGE_FIELDS.values() for k in stage]
    assert len(keys) == len(set(keys))
    assert set(keys) <= set(PdsaCycle.LABELS)

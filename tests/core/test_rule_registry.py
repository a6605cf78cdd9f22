"""Is choosing a rule set a look-up in one registry, and is a chart's result built once?"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from qikit import DataError, RuleSet, qic
from qikit.core.spc.options import QicOptions
from qikit.core.spc.qic import METHODS
from qikit.core.spc.rules import RULE_SETS, rule_set_named
from qikit.core.spc.rules.ihi import IHI_LENGTHS
from qikit.core.spc.rules.mdc import MDC_LENGTHS

RULES_DIR = Path(__file__).resolve().parents[2] / "qikit" / "core" / "spc" / "rules"


def test_every_method_is_a_registered_rule_set() -> None:
    assert tuple(RULE_SETS) == METHODS == ("anhoej", "bestbox", "cutbox", "ihi", "mdc")
    assert {entry.rule_set for entry in RULE_SETS.values()} == set(RuleSet)
    assert rule_set_named("IHI") is RULE_SETS["ihi"]


def test_an_unknown_rule_set_names_the_known_ones() -> None:
    with pytest.raises(DataError) as caught:
        qic([1, 2, 3], method="western-electric")
    assert caught.value.field == "method"
    for name in RULE_SETS:
        assert repr(name) in str(caught.value)


def test_the_rules_never_import_qic() -> None:
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "qikit.core.spc.qic", path.name
                assert "qic" not in [alias.name for alias in node.names], path.name
            elif isinstance(node, ast.Import):
                assert all(a.name != "qikit.core.spc.qic" for a in node.names), path.name


def test_the_run_lengths_have_one_home_per_rule_set() -> None:
    assert RULE_SETS["mdc"].run_lengths is MDC_LENGTHS
    assert RULE_SETS["ihi"].run_lengths is IHI_LENGTHS
    assert (MDC_LENGTHS.shift, MDC_LENGTHS.trend) == (7, 7)
    assert (IHI_LENGTHS.shift, IHI_LENGTHS.trend) == (6, 5)
    result = qic([1, 3, 2, 4, 3, 5, 4, 6, 5, 7], chart="i", method="mdc")
    assert (result.options.shift_length, result.options.trend_length) == (7, 7)
    assert qic([1, 2, 3], method="anhoej").options.shift_length is None


def test_the_result_and_its_options_are_frozen() -> None:
    result = qic([5, 7, 4, 6, 5, 7, 4, 6, 5, 30], chart="i", method="ihi")
    assert isinstance(result.options, QicOptions)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.signals = []  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.options.method = "mdc"  # type: ignore[misc]
    assert result.data is result.data  # still built lazily, once

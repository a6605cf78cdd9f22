"""What a rule found on a chart: the rule, the points it covers and how to say it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    """Identifiers of the chart rules. They are stored, so they never change."""

    LONG_RUN = "long_run"
    FEW_CROSSINGS = "few_crossings"
    OUTSIDE_LIMITS = "outside_limits"
    SHIFT = "shift"
    TREND = "trend"
    TOO_FEW_RUNS = "too_few_runs"
    TOO_MANY_RUNS = "too_many_runs"
    ASTRONOMICAL = "astronomical"
    TWO_OF_THREE = "two_of_three"


class RuleSet(StrEnum):
    """Named rule sets a chart can be read with. Stored (a measure's ``rule_set``): never change."""

    ANHOEJ = "anhoej"
    IHI = "ihi"
    MDC = "mdc"


@dataclass(frozen=True)
class Signal:
    """One finding on a chart.

    ``points`` are point numbers counted from 1 as on the chart (subgroups after aggregation).
    ``plain`` is for a participant; ``technical`` is for a mentor.
    """

    rule: Rule
    rule_set: RuleSet
    part: int
    points: tuple[int, ...]
    plain: str
    technical: str
    direction: str | None = None

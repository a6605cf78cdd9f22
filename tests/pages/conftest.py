"""The teaching data for the teaching pages' tests.

The registry (``load_teaching_data``) is built by the teaching-data work in parallel. Until it is
in this checkout, the pages' tests get a tiny stand-in made from the porters' literal numbers
(``MINUTES``, ``CHANGE_WEEK``), with the registry's fields. Once the registry is there, the real
one is used and this fixture does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from qikit.demo import teaching_data
from qikit.errors import DataError


@dataclass(frozen=True)
class _StandIn:
    name: str
    title: str
    story: str
    chart: str
    y_label: str
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    totals: tuple[float, ...] | None
    multiply: float = 1
    change_at: int | None = None
    change_label: str = ""
    signals: tuple[str, ...] = ()
    better: str = "lower"


def _stand_ins() -> dict[str, _StandIn]:
    first = dt.date(2025, 1, 6)
    weeks = tuple(first + dt.timedelta(days=7 * i) for i in range(len(teaching_data.MINUTES)))
    porter = _StandIn(
        name="porter-response",
        title=teaching_data.MEASURE_TITLE,
        story="Porters timed how long a ward waits for a porter. After week 12 they changed "
        "how requests are sent.",
        chart="run",
        y_label=teaching_data.Y_LABEL,
        dates=weeks,
        values=teaching_data.MINUTES,
        totals=None,
        change_at=teaching_data.CHANGE_WEEK + 1,
        change_label=teaching_data.CHANGE_LABEL,
        signals=("long_run", "few_crossings"),
    )
    audit = _StandIn(
        name="hand-hygiene",
        title="Hand hygiene audit: hands cleaned at the right moment",
        story="Each week a cleaner watched how many of the moments for hand cleaning were met.",
        chart="p",
        y_label="Per cent of moments met",
        dates=weeks[:20],
        values=tuple(float(30 + (i * 7) % 9) for i in range(20)),
        totals=tuple(40.0 for _ in range(20)),
        multiply=100,
        better="higher",
    )
    return {porter.name: porter, audit.name: audit}


@pytest.fixture(autouse=True)
def teaching_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``load_teaching_data`` and ``teaching_data_names`` work, real or stand-in."""
    if not hasattr(teaching_data, "load_teaching_data"):
        sets = _stand_ins()

        def load(name: str) -> _StandIn:
            if name not in sets:
                raise DataError("teaching data set", ", ".join(sets), name)
            return sets[name]

        monkeypatch.setattr(teaching_data, "load_teaching_data", load, raising=False)
        monkeypatch.setattr(
            teaching_data, "teaching_data_names", lambda: tuple(sets), raising=False
        )
    yield

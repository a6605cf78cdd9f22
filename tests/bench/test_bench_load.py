"""The load benchmark's options and tables, without starting a server or a browser."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_load
from bench_load import Phase, Sample


def test_the_defaults_are_30_participants_for_3_minutes_and_a_room_of_20() -> None:
    options = bench_load.parse([])
    assert (options.participants, options.minutes, options.quick, options.ramp) == (
        30,
        3.0,
        False,
        False,
    )
    assert options.room == 20


def test_a_phase_with_a_failed_save_is_not_met_and_its_table_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    samples = [Sample(float(n), 0.1 * (n + 1)) for n in range(20)]
    fine = Phase(30, 30.0, samples, [150 * 2**20] * 30, {"kernels": 3.0, "Chromium": 27.0})
    failing = Phase(30, 30.0, [*samples, Sample(21.0, None, "Not saved: disk full")],
                    [150 * 2**20] * 30, {"kernels": 3.0})  # fmt: skip
    assert fine.met() and not failing.met()
    bench_load.print_phase(failing)
    printed = capsys.readouterr().out
    assert "| 30           | 20    | 1      |" in printed
    assert "error: Not saved: disk full" in printed
    assert "kernels 0.10 (100%)" in printed


def test_a_phase_whose_p95_passes_2_seconds_is_not_met() -> None:
    slow = Phase(30, 30.0, [Sample(float(n), 2.5) for n in range(20)], [2**20], {})
    assert slow.p95() == pytest.approx(2.5) and not slow.met()

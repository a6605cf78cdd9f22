"""Regenerate the run-chart golden tables with exact integer arithmetic (stdlib only).

Writes, next to this file:

* ``anhoej_critical_values.csv`` -- ``n_useful,longest_run_max,n_crossings_min`` for n = 10..100
  (Anhoej & Olesen 2014; qicharts2: ``round(log2(n) + 3)`` and ``qbinom(0.05, n - 1, 0.5)``).
* ``ihi_runs_table.csv`` -- ``n_useful,runs_min,runs_max`` for n = 10..60, from the exact
  distribution of the number of runs (Swed & Eisenhart 1943) with n1 = floor(n/2),
  n2 = ceil(n/2) at 2.5 % in each tail.  "Too few runs" means R < runs_min, "too many runs"
  means R > runs_max (the reading of Perla, Provost & Murray 2011, Table 1).

Nothing here imports qikit.  ``python make_tables.py --check`` compares the files on disk
byte for byte and reports agreement with the published values quoted below, without writing.
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from math import comb
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANHOEJ_CSV = HERE / "anhoej_critical_values.csv"
IHI_CSV = HERE / "ihi_runs_table.csv"

ANHOEJ_RANGE = range(10, 101)
IHI_RANGE = range(10, 61)
TAIL = Fraction(1, 40)  # 2.5 % in each tail, 5 % two-sided

# Published Anhoej critical values, transcribed from the rendered qicharts2 vignette,
# "Appendix 2: Critical values for longest run and number of crossings"
# (GitHub d-morrison/qicharts2, master/articles/qicharts2.md; same table as the CRAN vignette).
PUBLISHED_LONGEST_RUN_MAX = {
    **{n: 6 for n in range(10, 12)},
    **{n: 7 for n in range(12, 23)},
    **{n: 8 for n in range(23, 46)},
    **{n: 9 for n in range(46, 91)},
    **{n: 10 for n in range(91, 101)},
}
PUBLISHED_CROSSINGS_MIN = dict(
    zip(
        range(10, 101),
        [
            2,
            2,
            3,
            3,
            4,
            4,
            4,
            5,
            5,
            6,
            6,
            6,
            7,
            7,
            8,
            8,
            8,
            9,
            9,
            10,  # 10-29
            10,
            11,
            11,
            11,
            12,
            12,
            13,
            13,
            14,
            14,
            14,
            15,
            15,
            16,
            16,
            17,
            17,
            17,
            18,
            18,  # 30-49
            19,
            19,
            20,
            20,
            21,
            21,
            21,
            22,
            22,
            23,
            23,
            24,
            24,
            25,
            25,
            25,
            26,
            26,
            27,
            27,  # 50-69
            28,
            28,
            29,
            29,
            29,
            30,
            30,
            31,
            31,
            32,
            32,
            33,
            33,
            34,
            34,
            34,
            35,
            35,
            36,
            36,  # 70-89
            37,
            37,
            38,
            38,
            39,
            39,
            39,
            40,
            40,
            41,
            41,  # 90-100
        ],
        strict=True,
    )
)

# Published IHI / Perla-Provost-Murray runs limits that could be found as text.  The full
# Table 1 (n = 10..60) was NOT found in machine-readable form; see README.md.
#   n = 10..15: GitHub alioh/IHI-QI104, "_posts/2020-04-08-L2 How to Learn from Run Charts
#               and Control Charts.md" (table from the IHI QI 104 course).
#   n = 24:     https://unaettie.com/en-us/pz/run2_chrt2_patterns.php ("24 data points not on
#               median ... (expect 8 ~ 18 runs)").
PUBLISHED_IHI = {
    10: (3, 9),
    11: (3, 10),
    12: (3, 11),
    13: (4, 11),
    14: (4, 12),
    15: (5, 12),
    24: (8, 18),
}


def round_log2(n: int) -> int:
    """round(log2(n)) for an integer n >= 1, exactly: k with 2**(2k-1) <= n**2 < 2**(2k+1).

    log2(n) is never exactly k + 1/2 for integer n, so no tie-breaking rule is needed.
    """
    k = n.bit_length() - 1  # floor(log2(n))
    return k + 1 if n * n >= 2 ** (2 * k + 1) else k


def crossings_min(n: int) -> int:
    """R's qbinom(0.05, n - 1, 0.5): smallest c with P(X <= c) >= 0.05, X ~ Bin(n - 1, 1/2)."""
    m = n - 1
    total = 2**m
    cum = 0
    for c in range(m + 1):
        cum += comb(m, c)
        if 20 * cum >= total:  # cum / 2**m >= 1/20
            return c
    raise AssertionError("unreachable")


def runs_pmf(n1: int, n2: int) -> dict[int, Fraction]:
    """Exact distribution of the number of runs R in a random arrangement of n1 + n2 symbols."""
    total = comb(n1 + n2, n1)
    pmf: dict[int, Fraction] = {}
    for r in range(2, n1 + n2 + 1):
        if r % 2 == 0:
            k = r // 2
            ways = 2 * comb(n1 - 1, k - 1) * comb(n2 - 1, k - 1)
        else:
            k = (r - 1) // 2
            ways = comb(n1 - 1, k) * comb(n2 - 1, k - 1) + comb(n1 - 1, k - 1) * comb(n2 - 1, k)
        if ways:
            pmf[r] = Fraction(ways, total)
    assert sum(pmf.values()) == 1
    return pmf


def runs_limits(n: int) -> tuple[int, int]:
    """(runs_min, runs_max) for n useful observations, n1 = floor(n/2), n2 = ceil(n/2).

    runs_min = smallest r with P(R <= r) > 2.5 %   (R < runs_min is "too few runs")
    runs_max = largest r with P(R >= r) > 2.5 %    (R > runs_max is "too many runs")
    """
    pmf = runs_pmf(n // 2, n - n // 2)
    support = sorted(pmf)
    cum = Fraction(0)
    runs_min = None
    for r in support:
        cum += pmf[r]
        if cum > TAIL:
            runs_min = r
            break
    cum = Fraction(0)
    runs_max = None
    for r in reversed(support):
        cum += pmf[r]
        if cum > TAIL:
            runs_max = r
            break
    assert runs_min is not None and runs_max is not None
    return runs_min, runs_max


def anhoej_csv() -> str:
    lines = ["n_useful,longest_run_max,n_crossings_min"]
    for n in ANHOEJ_RANGE:
        lines.append(f"{n},{round_log2(n) + 3},{crossings_min(n)}")
    return "\n".join(lines) + "\n"


def ihi_csv() -> str:
    lines = ["n_useful,runs_min,runs_max"]
    for n in IHI_RANGE:
        lo, hi = runs_limits(n)
        lines.append(f"{n},{lo},{hi}")
    return "\n".join(lines) + "\n"


def compare_with_published() -> list[str]:
    """Human-readable report of agreement between computation and publication."""
    report = []
    bad = [
        n
        for n in ANHOEJ_RANGE
        if (round_log2(n) + 3, crossings_min(n))
        != (PUBLISHED_LONGEST_RUN_MAX[n], PUBLISHED_CROSSINGS_MIN[n])
    ]
    report.append(
        f"Anhoej table n=10..100: {len(ANHOEJ_RANGE) - len(bad)} of {len(ANHOEJ_RANGE)} rows "
        f"agree with the published qicharts2 Appendix 2" + (f"; disagree at {bad}" if bad else "")
    )
    for n, published in sorted(PUBLISHED_IHI.items()):
        computed = runs_limits(n)
        verdict = "agrees" if computed == published else "DISAGREES"
        report.append(f"IHI runs n={n}: published {published}, computed {computed}: {verdict}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare files, do not write")
    args = parser.parse_args(argv)
    outputs = {ANHOEJ_CSV: anhoej_csv(), IHI_CSV: ihi_csv()}
    status = 0
    for path, text in outputs.items():
        if args.check:
            same = path.exists() and path.read_bytes() == text.encode("ascii")
            print(f"{path.name}: {'identical' if same else 'DIFFERS'}")
            status |= 0 if same else 1
        else:
            path.write_bytes(text.encode("ascii"))
            print(f"wrote {path.name}")
    for line in compare_with_published():
        print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())

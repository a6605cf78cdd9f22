"""Too few / too many runs on a run chart: the IHI run table (Perla, Provost & Murray 2011).

The published table (BMJ Qual Saf 20:46–51, Table 1; Provost & Murray, *The Health Care Data
Guide*, 2011) covers 10–60 useful points. Its values come from the distribution of the number of
runs (Swed & Eisenhart 1943) with the points split evenly above and below the median. We compute
that distribution exactly: a count of runs is "too few" when it is below the smallest r with
P(R ≤ r) > 2.5 %, "too many" when above the largest r with P(R ≥ r) > 2.5 %. This reproduces every
published row we could check (n = 10, 13, 14, 15, 24); at n = 11 and 12 the printed table is more
lenient than the exact test, so the printed values are used there (see tests/golden/README.md).
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from math import comb

IHI_TABLE_RANGE = range(10, 61)
#: Rows of the printed table that differ from the exact computation (IHI QI 104 course table).
_PRINTED_OVERRIDES = {11: (3, 10), 12: (3, 11)}
_TAIL = Fraction(25, 1000)


def _runs_distribution(n1: int, n2: int) -> dict[int, Fraction]:
    """Exact P(R = r) for the number of runs in a random order of n1 and n2 symbols."""
    total = comb(n1 + n2, n1)
    probabilities: dict[int, Fraction] = {}
    for runs in range(2, n1 + n2 + 1):
        k, odd = divmod(runs, 2)
        if odd:
            ways = comb(n1 - 1, k) * comb(n2 - 1, k - 1) + comb(n1 - 1, k - 1) * comb(n2 - 1, k)
        else:
            ways = 2 * comb(n1 - 1, k - 1) * comb(n2 - 1, k - 1)
        if ways:
            probabilities[runs] = Fraction(ways, total)
    return probabilities


@cache
def ihi_runs_limits(n_useful: int) -> tuple[int, int] | None:
    """Return (fewest, most) runs expected by chance for ``n_useful`` points; None off the table."""
    if n_useful not in IHI_TABLE_RANGE:
        return None
    if n_useful in _PRINTED_OVERRIDES:
        return _PRINTED_OVERRIDES[n_useful]
    distribution = _runs_distribution(n_useful // 2, n_useful - n_useful // 2)
    runs = sorted(distribution)
    below = Fraction(0)
    fewest = runs[0]
    for r in runs:
        below += distribution[r]
        if below > _TAIL:
            fewest = r
            break
    above = Fraction(0)
    most = runs[-1]
    for r in reversed(runs):
        above += distribution[r]
        if above > _TAIL:
            most = r
            break
    return fewest, most

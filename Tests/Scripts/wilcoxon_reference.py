#!/usr/bin/env python3
"""Reference values of the Wilcoxon signed-rank test for Tests/TunebenchNumericsTests/WilcoxonSignedRankTests.swift.

Usage: python3 wilcoxon_reference.py

Prints one JSON object: {"scipy": version, "cases": [...]}, each case with its name, the paired samples x and y,
SciPy's statistic and p-values from scipy.stats.wilcoxon(x, y) with its defaults (zero_method="wilcox",
correction=False, method="auto") for the alternatives "two-sided", "less" and "greater", and the method that
SciPy's automatic rule picks (read from scipy/stats/_wilcoxon.py, SciPy 1.17: more than 50 pairs, zeros
included, -> normal approximation; else no ties and no zeros -> exact; else at most 13 pairs -> permutation test,
exact since 2**13 < 9999 resamples; else normal). Every float is printed as repr() in a string (NaN and inf
included), so that the Swift test reads the same doubles. Written against NumPy 2.4.6 and SciPy 1.17.1.
"""

import json
import warnings

import numpy as np
import scipy
from scipy.stats import rankdata, wilcoxon


def method(x, y):
    d = np.asarray(x, dtype=float) - np.asarray(y, dtype=float)
    nonzero = d[d != 0]
    ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(d) > 50:
        return "normal"
    if not ties and len(nonzero) == len(d):
        return "exact"
    return "permutation" if len(d) <= 13 else "normal"


def cases():
    rng = np.random.default_rng(20260119)
    out = []

    def add(name, x, y):
        out.append((name, [float(v) for v in x], [float(v) for v in y]))

    # Small samples without ties or zeros: the exact distribution.
    add("exact-5", [1.83, 0.50, 1.62, 2.48, 1.68], [0.878, 0.647, 0.598, 2.05, 1.06])
    add("exact-9", [0.3, 1.2, 2.5, 0.8, 1.9, 3.3, 0.05, 1.1, 2.2], [0.5, 0.9, 2.1, 1.5, 1.0, 3.0, 0.4, 1.75, 2.0])
    add("single-pair", [2.0], [1.0])
    add("exact-20", rng.normal(0.3, 1, 20), rng.normal(0, 1, 20))
    add("exact-30", rng.normal(0, 1, 30), rng.normal(0, 1, 30))
    add("exact-50", rng.normal(0.2, 1, 50), rng.normal(0, 1, 50))
    # Ties or zeros in at most 13 pairs: the permutation distribution, enumerated.
    add("ties-8", [1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 4, 3, 3, 7, 5, 9])
    add("zeros-10", [3, 5, 2, 8, 1, 4, 6, 9, 7, 0.5], [3, 4.25, 2, 6.5, 1.75, 5.5, 2, 12.5, 7, 1.5])
    add("ties-and-zeros-13", [1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10], [0, 2, 1, 5, 3, 5, 4, 7, 5, 7, 11, 8, 10])
    add("constant-difference-5", [1, 2, 3, 4, 5], [0, 1, 2, 3, 4])
    add("all-equal-5", [0.1, 0.2, 0.3, 0.4, 0.5], [0.1, 0.2, 0.3, 0.4, 0.5])
    # Ties or zeros beyond 13 pairs, or more than 50 pairs: the normal approximation with the tie correction.
    add("ties-14", np.round(rng.normal(0.5, 1, 14), 1), np.round(rng.normal(0, 1, 14), 1))
    add("ties-20", np.round(rng.normal(0.4, 1, 20), 1), np.round(rng.normal(0, 1, 20), 1))
    add("zero-in-50", np.append(rng.normal(0.2, 1, 49), 1.0), np.append(rng.normal(0, 1, 49), 1.0))
    add("normal-51", rng.normal(0.1, 1, 51), rng.normal(0, 1, 51))
    add("normal-60", rng.normal(0.3, 1, 60), rng.normal(0, 1, 60))
    add("normal-100", rng.normal(-0.2, 1, 100), rng.normal(0, 1, 100))
    add("ties-100", np.round(rng.normal(0, 1, 100), 1), np.round(rng.normal(0, 1, 100), 1))
    add("constant-difference-20", np.arange(20) + 1.0, np.arange(20) + 0.0)
    add("all-equal-20", np.arange(20) * 0.5, np.arange(20) * 0.5)
    # One side always lower, by distinct amounts: the smallest p-values.
    add("dominance-10", np.arange(10) * 0.1, np.arange(10) * 0.1 + 1 + np.arange(10) * 0.01)
    add("dominance-20", 1.5 * np.arange(20) + 0.25, np.arange(20.0))
    add("dominance-100", np.arange(100.0), np.arange(100.0) + 1 + np.arange(100) * 0.001)
    add("dominance-ties-60", np.zeros(60), np.repeat([1.0, 2.0, 3.0], 20))
    # Infinite values (a run that found nothing has an infinite regret).
    add("infinite-7", [np.inf, 1.0, 2.0, 0.5, 3.0, 0.25, 4.0], [1.0, 2.5, 1.0, 0.75, 1.25, 0.125, 8.0])
    return out


def main():
    # SciPy divides 0 by 0 for "all-equal-20" (every difference zero, beyond 13 pairs) and warns; its answer is NaN.
    warnings.simplefilter("ignore", RuntimeWarning)
    result = []
    for name, x, y in cases():
        entry = {"name": name, "x": [repr(v) for v in x], "y": [repr(v) for v in y], "method": method(x, y),
                 "nonzero": int(np.count_nonzero(np.asarray(x) - np.asarray(y)))}
        for alternative in ("two-sided", "less", "greater"):
            res = wilcoxon(x, y, alternative=alternative)
            entry[alternative] = {"statistic": repr(float(res.statistic)), "p": repr(float(res.pvalue))}
        d = np.asarray(x) - np.asarray(y)
        nonzero = d[d != 0]
        ranks = rankdata(np.abs(nonzero))
        entry["w_plus"] = repr(float(ranks[nonzero > 0].sum()))
        entry["w_minus"] = repr(float(ranks[nonzero < 0].sum()))
        result.append(entry)
    print(json.dumps({"scipy": scipy.__version__, "cases": result}, indent=1))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference values of the median's order-statistic confidence interval for
Tests/TunebenchNumericsTests/MedianConfidenceIntervalTests.swift.

Usage: python3 median_interval_reference.py

Prints one JSON object with
- "ranks": for each (n, level), the rank l of the narrowest symmetric interval [x_(l), x_(n+1-l)] whose coverage
  1 - 2 F(l - 1), F the Binomial(n, 1/2) distribution function from scipy.stats.binom, is at least the level, and
  that coverage; l = null when even l = 1 falls short;
- "samples": for a few samples, the ends of scipy.stats.quantile_test(x, p=0.5).confidence_interval(0.95), a
  second, independent construction of the same interval (SciPy's own search over order statistics).
Floats are printed as repr() in strings. Written against SciPy 1.17.1.
"""

import json

import numpy as np
import scipy
from scipy.stats import binom, quantile_test

SIZES = list(range(1, 41)) + [49, 50, 51, 99, 100, 101, 250, 500, 999, 1000]
LEVELS = [0.95, 0.9, 0.99, 0.5]


def ranks(n, level):
    best = None
    for l in range(1, (n + 1) // 2 + 1):
        coverage = 1 - 2 * binom.cdf(l - 1, n, 0.5)
        if coverage >= level:
            best = (l, coverage)
    return best


def main():
    out = {"scipy": scipy.__version__, "ranks": [], "samples": []}
    for level in LEVELS:
        for n in SIZES:
            found = ranks(n, level)
            out["ranks"].append({"n": n, "level": repr(level), "lower": found[0] if found else None,
                                 "coverage": repr(float(found[1])) if found else None})
    rng = np.random.default_rng(20260119)
    for n in (6, 7, 10, 11, 20, 35, 100):
        x = rng.lognormal(0, 2, n)
        interval = quantile_test(x, p=0.5).confidence_interval(0.95)
        out["samples"].append({"x": [repr(float(v)) for v in x], "low": repr(float(interval.low)),
                               "high": repr(float(interval.high))})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

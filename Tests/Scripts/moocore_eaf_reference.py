#!/usr/bin/env python3
"""Prints the reference values of AttainmentSurfaceTests: moocore's eaf in two objectives.

Usage: python3 moocore_eaf_reference.py

Thirty cases from NumPy's default_rng(5): 1 to 12 runs of 1 to 40 points each, on the positive unit sphere with
noise, or on a grid of eighths (ties within and across runs); for each, moocore.eaf at the percentiles 0, 10, 25,
50, 75, 90 and 100. Prints one JSON object: per case, its runs (lists of [f1, f2] as repr strings) and, per
percentile, the surface's corners (repr strings).
"""
import json

import moocore
import numpy as np

rng = np.random.default_rng(5)
cases = []
for index in range(30):
    runs = int(rng.integers(1, 13))
    sets = []
    for _ in range(runs):
        n = int(rng.integers(1, 41))
        u = rng.random((n, 2))
        if index % 3 == 2:
            x = np.round(u * 8) / 8
        else:
            x = u / np.linalg.norm(u, axis=1, keepdims=True) + 0.1 * rng.random((n, 2))
        sets.append(x)
    points = np.vstack(sets)
    labels = np.concatenate([np.full(len(s), k) for k, s in enumerate(sets)])
    surfaces = {}
    for p in (0, 10, 25, 50, 75, 90, 100):
        eaf = moocore.eaf(points, sets=labels, percentiles=[p])
        surfaces[str(p)] = [[repr(float(v)) for v in row[:2]] for row in eaf]
    cases.append({"runs": [[[repr(float(v)) for v in row] for row in s] for s in sets], "surfaces": surfaces})
print(json.dumps({"moocore": moocore.__version__, "cases": cases}))

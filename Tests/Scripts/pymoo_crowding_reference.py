#!/usr/bin/env python3
"""Prints the reference values of CrowdingDistanceTests: pymoo's calc_crowding_distance on random fronts.

Usage: python3 pymoo_crowding_reference.py

Twenty fronts from NumPy's default_rng(3): 2, 3 and 4 objectives, 3 to 60 points, on the positive unit sphere (so
mutually non-dominated), one with a repeated objective column value and one with a constant objective (which pymoo
skips). Prints one JSON object: per front, its points and pymoo's distances (repr strings, which Foundation reads exactly;
"inf" at the ends).
pymoo divides Deb's sum by the number of objectives; the test divides its own by it too.
"""
import json

import numpy as np
from pymoo.operators.survival.rank_and_crowding.metrics import calc_crowding_distance

rng = np.random.default_rng(3)
fronts = []
for index in range(20):
    m = [2, 3, 4][index % 3]
    n = int(rng.integers(3, 61))
    u = rng.random((n, m))
    x = u / np.linalg.norm(u, axis=1, keepdims=True)
    if index == 18:
        x[:, 0] = np.round(x[:, 0] * 4) / 4
    if index == 19:
        x[:, 1] = 0.5
    d = calc_crowding_distance(x)
    fronts.append({"points": [[repr(float(v)) for v in row] for row in x], "distances": [repr(float(v)) for v in d]})
print(json.dumps({"fronts": fronts}))

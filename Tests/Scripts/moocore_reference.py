#!/usr/bin/env python3
"""Prints the reference values of HypervolumeTests and ParetoDominanceTests: moocore's indicators on random sets.

Usage: python3 moocore_reference.py FOLDER [SETS]

Draws SETS (default 1000) point sets with NumPy's default_rng(2026): 2, 3 or 4 objectives (and a few of 5 and 6),
1 to 1,000 points (log-uniform, and 1,000 in one set of a hundred; at most 60 points for 5 and 6), of six kinds (each drawn for every m): uniform in the unit cube, on the
positive unit sphere (all mutually non-dominated, concave), on the simplex (linear), on the reflected sphere
(convex), the sphere plus uniform noise of 0.05 (partly dominated), and the cube rounded to eighths (ties and
duplicates, some on the reference point's faces). The reference point is 1.1 in every objective, or 1.0 (so that
points on its faces add nothing) or 0.9 (so that some points lie beyond it) for one set in seven each.

Writes the points to FOLDER/points.bin as little-endian float64, row after row, set after set, and prints one JSON
object: the moocore version and, per set, its objectives m, points n, offset (in values) into points.bin, reference
point, and moocore's hypervolume, igd, igd_plus and epsilon_additive against a reference front of 50 points on the
positive unit sphere (FOLDER/front.bin, m = 2..6, 50 × m values each, in that order); for sets of at most 200
points, is_nondominated (keep_weakly=False) and pareto_rank. Doubles are repr() strings.
"""
import json
import sys

import moocore
import numpy as np

folder = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rng = np.random.default_rng(2026)

fronts = {}
with open(f"{folder}/front.bin", "wb") as out:
    for m in range(2, 7):
        u = rng.random((50, m))
        front = u / np.linalg.norm(u, axis=1, keepdims=True)
        fronts[m] = front
        out.write(front.astype("<f8").tobytes())

kinds = ["uniform", "sphere", "simplex", "convex", "noisy", "grid"]
sets = []
offset = 0
with open(f"{folder}/points.bin", "wb") as out:
    for index in range(count):
        m = [2, 3, 4][index % 3] if index % 50 != 49 else [5, 6][(index // 50) % 2]
        largest = 1000 if m <= 4 else 60
        n = int(round(np.exp(rng.uniform(0, np.log(largest))))) if index % 100 != 1 else largest
        kind = kinds[(index // 3) % 6]  # every kind for every m (index % 3 picks m)
        u = rng.random((n, m))
        if kind == "uniform":
            x = u
        elif kind == "sphere":
            x = u / np.linalg.norm(u, axis=1, keepdims=True)
        elif kind == "simplex":
            x = u / u.sum(axis=1, keepdims=True)
        elif kind == "convex":
            x = 1 - u / np.linalg.norm(u, axis=1, keepdims=True)
        elif kind == "noisy":
            x = u / np.linalg.norm(u, axis=1, keepdims=True) + 0.05 * rng.random((n, m))
        else:
            x = np.round(u * 8) / 8
        reference = [1.1, 1.1, 1.1, 1.1, 1.1, 1.0, 0.9][index % 7]
        ref = np.full(m, reference)
        out.write(x.astype("<f8").tobytes())
        entry = {
            "index": index, "kind": kind, "m": m, "n": n, "offset": offset, "reference": reference,
            "hypervolume": repr(float(moocore.hypervolume(x, ref=ref))),
            "igd": repr(float(moocore.igd(x, ref=fronts[m]))),
            "igd_plus": repr(float(moocore.igd_plus(x, ref=fronts[m]))),
            "epsilon_additive": repr(float(moocore.epsilon_additive(x, ref=fronts[m]))),
        }
        if n <= 200:
            entry["nondominated"] = [bool(v) for v in moocore.is_nondominated(x, keep_weakly=False)]
            entry["ranks"] = [int(v) for v in moocore.pareto_rank(x)]
        sets.append(entry)
        offset += n * m

print(json.dumps({"moocore": moocore.__version__, "sets": sets}))

#!/usr/bin/env python3
"""Prints the reference choices of HypervolumeSubsetSelectionTests: Optuna's greedy hypervolume subset selection.

Usage: python3 optuna_hssp_reference.py

Three hundred sets of mutually non-dominated points (minimised) from NumPy's default_rng(11): 2, 3 and 4 objectives,
2 to 60 points on the positive unit sphere; every fifth set rounded to a coarse grid (ties in a coordinate), every
seventh with repeated points, every thirteenth with an infinite reference point. Each is given to Optuna's
``_solve_hssp`` (``optuna/_hypervolume/hssp.py``) with a subset size from 1 to the number of points and the
reference point of Optuna's TPE (``_get_reference_point`` in ``optuna/samplers/_tpe/sampler.py``: the larger of 1.1
and 0.9 times each objective's worst value). Prints one JSON object: per set, the points and the reference (repr
strings, which Foundation reads exactly), the subset size and Optuna's chosen positions in its order.
"""
import json

import numpy as np
import optuna
from optuna._hypervolume.hssp import _solve_hssp
from optuna.samplers._tpe.sampler import _get_reference_point
from optuna.study._multi_objective import _is_pareto_front


def nondominated_set(rng, m, n, index):
    while True:
        u = rng.random((n, m)) + 0.05
        x = u / np.linalg.norm(u, axis=1, keepdims=True)
        if index % 5 == 0:
            x = np.round(x * 8) / 8
        x = x[_is_pareto_front(x, assume_unique_lexsorted=False)]
        if len(x) >= 2:
            break
    if index % 7 == 0:
        repeats = x[rng.integers(0, len(x), size=max(1, len(x) // 3))]
        x = np.concatenate([x, repeats])
        x = x[rng.permutation(len(x))]
    return x


rng = np.random.default_rng(11)
sets = []
for index in range(300):
    m = [2, 3, 4][index % 3]
    x = nondominated_set(rng, m, int(rng.integers(2, 61)), index)
    reference = _get_reference_point(x)
    if index % 13 == 0:
        reference[0] = np.inf
    size = int(rng.integers(1, len(x) + 1))
    chosen = _solve_hssp(x, np.arange(len(x)), size, reference)
    sets.append({
        "points": [[repr(float(v)) for v in row] for row in x],
        "reference": [repr(float(v)) for v in reference],
        "count": size,
        "chosen": [int(i) for i in chosen],
    })
print(json.dumps({"optuna": optuna.__version__, "sets": sets}))

#!/usr/bin/env python3
"""Prints the reference values of ReferencePointNichingTests: Optuna's NSGA-III normalisation and association.

Usage: python3 optuna_nsga3_reference.py

Three hundred populations (minimised objective vectors) from NumPy's default_rng(17): 2, 3 and 4 objectives, 4 to
120 points, of four kinds: uniform in [0, 1]^m times per-objective scales from 0.1 to 10 (so that normalisation
matters), on the positive unit sphere (concave), on the simplex (linear), and the sphere plus uniform noise of 0.05.
Each is given to Optuna's NSGAIIISampler's own functions (``optuna/samplers/_nsgaiii/
_elite_population_selection_strategy.py``): ``_normalize_objective_values`` and then
``_associate_individuals_with_reference_points`` with ``_generate_default_reference_point(m, p)`` (p = 12 for two
and three objectives, 6 for four: the divisions of Tunebench's ``nsga3``). The script also says which branch the
normalisation took: ``"hyperplane"`` (the extreme points span a hyperplane; its intercepts are also given, so that
the test can tell the ones that are not positive) or ``"worst"`` (Optuna's fallback to each objective's largest
value). Prints one JSON object: per population the points, Optuna's normalised points, the closest reference point
of each (as its coordinates divided by p, a point of the simplex lattice) and the distance (repr strings).
"""
import json

import numpy as np
import optuna
from optuna.samplers._nsgaiii._elite_population_selection_strategy import (
    _associate_individuals_with_reference_points,
    _generate_default_reference_point,
    _normalize_objective_values,
)

rng = np.random.default_rng(17)
populations = []
for index in range(300):
    m = [2, 3, 4][index % 3]
    n = int(rng.integers(4, 121))
    kind = ["uniform", "sphere", "simplex", "noisy"][(index // 3) % 4]
    u = rng.random((n, m))
    if kind == "uniform":
        x = u * np.exp(rng.uniform(np.log(0.1), np.log(10), size=m))
    elif kind == "sphere":
        x = u / np.linalg.norm(u, axis=1, keepdims=True)
    elif kind == "simplex":
        x = u / u.sum(axis=1, keepdims=True)
    else:
        x = u / np.linalg.norm(u, axis=1, keepdims=True) + 0.05 * rng.random((n, m))

    # The branch Optuna takes, computed as it does.
    translated = x - x.min(axis=0)
    weights = np.eye(m)
    weights[weights == 0] = 1e6
    asf = np.max(np.einsum("nm,dm->dnm", translated, weights), axis=2)
    extremes = translated[np.argmin(asf, axis=1), :]
    if np.all(np.isfinite(extremes)) and np.linalg.matrix_rank(extremes) == len(extremes):
        branch = "hyperplane"
        intercepts = [repr(float(1 / v)) for v in np.linalg.solve(extremes, np.ones(m))]
    else:
        branch = "worst"
        intercepts = []

    p = 12 if m <= 3 else 6
    reference_points = _generate_default_reference_point(m, p)
    normalized = _normalize_objective_values(x.copy())
    closest, distance = _associate_individuals_with_reference_points(normalized, reference_points)
    populations.append({
        "kind": kind,
        "divisions": p,
        "points": [[repr(float(v)) for v in row] for row in x],
        "branch": branch,
        "intercepts": intercepts,
        "normalized": [[repr(float(v)) for v in row] for row in normalized],
        "closest": [[repr(float(v) / p) for v in reference_points[c]] for c in closest],
        "distance": [repr(float(d)) for d in distance],
    })
print(json.dumps({"optuna": optuna.__version__, "populations": populations}))

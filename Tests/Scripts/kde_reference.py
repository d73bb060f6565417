#!/usr/bin/env python3
"""Reference values of the product-kernel density estimate for
Tests/TunebenchNumericsTests/Distributions/ProductKernelDensityTests.swift.

Usage: python3 kde_reference.py

Prints one JSON object: {"statsmodels": version, "cases": [...]}. Each case has a name, statsmodels' var_type
(letters c and u), the data (rows), the bandwidth floor (0: none), the bandwidths of
statsmodels.nonparametric.KDEMultivariate(data, var_type, bw="normal_reference") after the floor, applied as hpbandster
0.7.4's BOHB applies it (np.clip(kde.bw, min_bandwidth, None), then kde.pdf uses the clipped values), the points
and kde.pdf at each point. The cases: continuous only, mixed with unordered categoricals, constant columns (zero
bandwidths raised to the floor; a categorical column holding one value, whose Aitchison-Aitken kernel divides by
zero), and a categorical bandwidth above 1. Every float is printed as repr() in a string (inf and nan included), so
that the Swift test reads the same doubles. Written against NumPy 2.4.6, SciPy 1.17.1 and statsmodels 0.15.0.
"""

import json
import warnings

import numpy as np
import statsmodels
from statsmodels.nonparametric.kernel_density import KDEMultivariate


def text(value):
    return repr(float(value))


def case(name, data, var_type, floor, points):
    data = np.asarray(data, dtype=float)
    kde = KDEMultivariate(data=data, var_type=var_type, bw="normal_reference")
    if floor > 0:
        kde.bw = np.clip(kde.bw, floor, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # h / 0 and inf * 0 in the degenerate cases
        pdf = [kde.pdf(np.asarray(point, dtype=float)) for point in points]
    return {
        "name": name,
        "var_type": var_type,
        "data": [[text(v) for v in row] for row in data],
        "floor": text(floor),
        "bw": [text(v) for v in kde.bw],
        "points": [[text(v) for v in point] for point in points],
        "pdf": [text(v) for v in pdf],
    }


def unit_points(rng, var_type, levels, count):
    points = []
    for _ in range(count):
        points.append([rng.random() if t == "c" else float(rng.integers(levels)) for t in var_type])
    return points


def cases():
    rng = np.random.default_rng(20261206)
    out = []

    # Continuous only: one, three and eight variables, points at the data and elsewhere in the cube.
    for d, n in [(1, 7), (3, 20), (8, 40)]:
        data = rng.random((n, d))
        points = [list(row) for row in data[:3]] + unit_points(rng, "c" * d, 0, 6)
        out.append(case(f"continuous d={d} n={n}", data, "c" * d, 0.0, points))
        out.append(case(f"continuous d={d} n={n}, floor 1e-3", data, "c" * d, 1e-3, points))

    # Clustered continuous data (small bandwidths), far points whose density underflows part-way.
    data = 0.5 + 0.01 * rng.standard_normal((12, 2))
    points = [[0.5, 0.5], [0.52, 0.49], [0.6, 0.5], [0.9, 0.1]]
    out.append(case("clustered continuous", data, "cc", 1e-3, points))

    # Mixed: continuous and unordered categoricals (codes 0..3 and 0..1), as BOHB's vectors.
    n = 15
    data = np.column_stack([rng.random(n), rng.integers(4, size=n), rng.random(n), rng.integers(2, size=n)])
    points = [list(row) for row in data[:3]] + unit_points(rng, "cucu", 2, 6)
    out.append(case("mixed cucu", data, "cucu", 0.0, points))
    out.append(case("mixed cucu, floor 1e-3", data, "cucu", 1e-3, points))

    # Categorical codes present in only part of the data's levels: three of five categories seen.
    data = np.column_stack([rng.integers(3, size=11), rng.random(11)])
    points = [[0.0, 0.3], [2.0, 0.7], [4.0, 0.5]]
    out.append(case("categorical, unseen category", data, "uc", 1e-3, points))

    # Constant columns: a constant continuous column (bandwidth 0, raised to the floor) and a categorical column
    # holding one value (one level: h / 0 = inf away from it, nan where a Gaussian factor underflows to 0).
    data = np.column_stack([rng.random(9), np.full(9, 0.25), np.full(9, 2.0)])
    points = [[0.4, 0.25, 2.0], [0.4, 0.2501, 2.0], [0.4, 0.25, 1.0], [0.4, 0.9, 1.0]]
    out.append(case("constant columns, floor 1e-3", data, "ccu", 1e-3, points))

    # A categorical bandwidth above 1 (codes 0 and 4 only, few rows): negative kernel values, as statsmodels gives.
    data = np.column_stack([[0, 4, 0, 4, 4, 0], rng.random(6)])
    points = [[0.0, 0.5], [4.0, 0.1], [2.0, 0.5]]
    out.append(case("categorical bandwidth above 1", data, "uc", 1e-3, points))
    return out


def main():
    # statsmodels 0.15 announces a change of its default random generator, which the normal-reference rule never uses.
    warnings.simplefilter("ignore", FutureWarning)
    print(json.dumps({"statsmodels": statsmodels.__version__, "cases": cases()}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the reference optima of ConstrainedProblemTests: each constrained problem's least feasible value.

Usage: python3 constrained_optima.py        (NumPy and SciPy; about 20 s)

Each problem is written here from its publication, independently of the Swift code: minimize f(x) subject to
c_i(x) <= 0 in a box. The optimum is found by SciPy's SLSQP from 512 scrambled Sobol starts (tolerance 1e-15), the
best start polished again; when as many constraints and bounds are active there as there are variables (a vertex, as
for the pressure vessel), the point is polished to the root of the active equations. The minimizer printed is then
moved, a few units in the last place at a time along the gradient of its violated constraints, until every
constraint holds exactly in double precision (SLSQP leaves an active one at about +1e-14). For each problem the
script prints the optimum, the minimizer, the constraint values there, the published figure it checks,
the least feasible value over 2^16 Sobol points (which must not be below the optimum), and the value and constraint
values at the centre of the box (a check of the formulas).
"""
import math

import numpy as np
from scipy.optimize import fsolve, minimize
from scipy.stats import qmc


def gardner(x):
    # Gardner, Kusner, Xu, Weinberger and Cunningham, "Bayesian optimization with inequality constraints", ICML 2014,
    # section 5 (simulation): f = cos(2 x1) cos(x2) + sin(x1), c = cos(x1) cos(x2) - sin(x1) sin(x2) - 0.5, [0, 6]^2.
    f = math.cos(2 * x[0]) * math.cos(x[1]) + math.sin(x[0])
    return f, [math.cos(x[0]) * math.cos(x[1]) - math.sin(x[0]) * math.sin(x[1]) - 0.5]


def gramacy(x):
    # Gramacy, Gray, Le Digabel, Lee, Ranjan, Wells and Wild, "Modeling an augmented Lagrangian for blackbox
    # constrained optimization", Technometrics 58(1), 2016: f = x1 + x2, [0, 1]^2, published optimum 0.5998.
    c1 = 1.5 - x[0] - 2 * x[1] - 0.5 * math.sin(2 * math.pi * (x[0] ** 2 - 2 * x[1]))
    c2 = x[0] ** 2 + x[1] ** 2 - 1.5
    return x[0] + x[1], [c1, c2]


def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def constrained_branin(x):
    # Spearmint's constrained Branin (HIPS/Spearmint, examples/constrained/branin_con.py): Branin on [-5, 10] x [0, 15]
    # with x1 - x2 <= 0 and x2 - 10 <= 0; its comment gives the minimum 0.8447 at (2.945, 2.945).
    return branin(*x), [x[0] - x[1], x[1] - 10]


def spring(x):
    # Tension/compression spring design (Arora 1989; Coello Coello 2000): x = (d, D, N), f = (N + 2) D d^2,
    # [0.05, 2] x [0.25, 1.3] x [2, 15]; CEC 2020 real-world suite RC17 gives 0.01266523278.
    d, D, N = x
    c1 = 1 - D ** 3 * N / (71785 * d ** 4)
    c2 = (4 * D ** 2 - d * D) / (12566 * (D * d ** 3 - d ** 4)) + 1 / (5108 * d ** 2) - 1
    c3 = 1 - 140.45 * d / (D ** 2 * N)
    c4 = (d + D) / 1.5 - 1
    return (N + 2) * D * d ** 2, [c1, c2, c3, c4]


def vessel(x):
    # Pressure vessel design (Sandgren 1990; Kannan and Kramer 1994): x = (Ts, Th, R, L),
    # f = 0.6224 Ts R L + 1.7781 Th R^2 + 3.1661 Ts^2 L + 19.84 Ts^2 R; CEC 2020 RC18 gives 5885.332773 for the
    # continuous variant with L <= 200.
    ts, th, r, l = x
    f = 0.6224 * ts * r * l + 1.7781 * th * r ** 2 + 3.1661 * ts ** 2 * l + 19.84 * ts ** 2 * r
    c = [-ts + 0.0193 * r, -th + 0.00954 * r, -math.pi * r ** 2 * l - 4 / 3 * math.pi * r ** 3 + 1296000]
    return f, c


PROBLEMS = [
    ("gardner", gardner, [(0, 6), (0, 6)], "-2 at (3 pi / 2, 0) (unconstrained minimum, constraint inactive)"),
    ("gramacy", gramacy, [(0, 1), (0, 1)], "0.5998 at (0.1954, 0.4044)"),
    ("branin-constrained", constrained_branin, [(-5, 10), (0, 15)], "0.8447 at (2.945, 2.945)"),
    ("spring", spring, [(0.05, 2), (0.25, 1.3), (2, 15)], "0.01266523278 (CEC 2020 RC17)"),
    ("pressure-vessel", vessel, [(0.0625, 6.1875), (0.0625, 6.1875), (10, 200), (10, 200)],
     "5885.332773 (CEC 2020 RC18)"),
]


def solve(function, bounds, starts=512, seed=1):
    def objective(x):
        return function(x)[0]

    constraints = [{"type": "ineq", "fun": (lambda x, i=i: -function(x)[1][i])}
                   for i in range(len(function([b[0] for b in bounds])[1]))]
    lower = np.array([b[0] for b in bounds], float)
    upper = np.array([b[1] for b in bounds], float)
    points = qmc.scale(qmc.Sobol(len(bounds), seed=seed).random(starts), lower, upper)
    best = None
    for x0 in points:
        result = minimize(objective, x0, method="SLSQP", bounds=bounds, constraints=constraints,
                          options={"ftol": 1e-15, "maxiter": 1000})
        if not result.success:
            continue
        x = np.clip(result.x, lower, upper)
        if max(function(x)[1]) > 1e-9:
            continue
        if best is None or objective(x) < objective(best):
            best = x
    polished = minimize(objective, best, method="SLSQP", bounds=bounds, constraints=constraints,
                        options={"ftol": 1e-16, "maxiter": 1000})
    x = np.clip(polished.x, lower, upper)
    x = x if max(function(x)[1]) <= 1e-9 and objective(x) <= objective(best) else best
    return vertex(function, bounds, x)


def vertex(function, bounds, x):
    """x moved to the root of its active constraints and bounds when they are as many as the variables."""
    c = function(x)[1]
    scale = [max(1.0, abs(v)) for v in function([b[1] for b in bounds])[1]]
    active = [i for i, v in enumerate(c) if abs(v) <= 1e-6 * scale[i]]
    fixed = {k: b for k, (low, high) in enumerate(bounds) for b in (low, high) if abs(x[k] - b) <= 1e-8 * max(1, abs(b))}
    if len(active) + len(fixed) != len(x):
        return x
    free = [k for k in range(len(x)) if k not in fixed]

    def equations(y):
        z = np.array(x, float)
        z[free] = y
        for k, b in fixed.items():
            z[k] = b
        return [function(z)[1][i] / scale[i] for i in active]

    root, _, converged, _ = fsolve(equations, np.array(x, float)[free], xtol=1e-15, full_output=True)
    z = np.array(x, float)
    z[free] = root
    for k, b in fixed.items():
        z[k] = b
    return z if converged == 1 and max(function(z)[1]) <= 1e-9 else x


def feasible(function, bounds, x):
    """x moved by steps of 1e-15 (relative) against the gradient of its violated constraints until every constraint
    is <= 0 in double precision; at most 10,000 steps."""
    x = np.array(x, float)
    for _ in range(10000):
        c = function(x)[1]
        bad = [i for i, v in enumerate(c) if v > 0]
        if not bad:
            return x
        i = bad[0]
        step = 1e-15 * np.maximum(1.0, np.abs(x))
        gradient = np.array([(function(x + step * e)[1][i] - c[i]) for e in np.eye(len(x))])
        x = np.clip(x - np.sign(gradient) * step, [b[0] for b in bounds], [b[1] for b in bounds])
    return x


def sampled_minimum(function, bounds, exponent=16):
    lower = np.array([b[0] for b in bounds], float)
    upper = np.array([b[1] for b in bounds], float)
    points = qmc.scale(qmc.Sobol(len(bounds), seed=2).random_base2(exponent), lower, upper)
    values = [function(x)[0] for x in points if max(function(x)[1]) <= 0]
    return min(values), len(values) / len(points)


def main():
    for name, function, bounds, published in PROBLEMS:
        x = feasible(function, bounds, solve(function, bounds))
        f, c = function(x)
        low, share = sampled_minimum(function, bounds)
        print(f"{name}: optimum {float(f)!r} at {[float(v) for v in x]}")
        print(f"  constraints there {[float(v) for v in c]}")
        print(f"  published {published}")
        print(f"  least feasible of 2^16 Sobol points {float(low)!r} (feasible share {share:.4f})")
        centre = [(a + b) / 2 for a, b in bounds]
        value, c = function(centre)
        print(f"  at the centre of the box {centre}: value {float(value)!r}, constraints {[float(v) for v in c]}")


if __name__ == "__main__":
    main()

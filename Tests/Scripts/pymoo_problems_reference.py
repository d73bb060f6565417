#!/usr/bin/env python3
"""Writes the reference values of MultiObjectiveAgreementTests: pymoo's ZDT, DTLZ and WFG on 10,000 points each.

Usage: python3 pymoo_problems_reference.py FOLDER

For each case (ZDT1-3 with 30 variables, ZDT4 and ZDT6 with 10; DTLZ1-7 with 2, 3 and 5 objectives and the
published k: 5 for DTLZ1, 20 for DTLZ7, 10 otherwise; WFG1-9 with 2 objectives (k = 4) and 3 (k = 4), l = 20),
draws 10,000 points with NumPy's default_rng(11): 9,900 uniform in the box and 100 on the Pareto set (the position
variables uniform, the distance variables at their optimum: 0 for ZDT, 0.5 for DTLZ1-5, 0 for DTLZ6 and 7,
0.35 · 2i for WFG1-7; WFG8 and WFG9, whose optimum depends on the position, get 100 more uniform points instead),
and evaluates them with pymoo's get_problem(name, ...).evaluate. Writes FOLDER/NAME.x.bin and FOLDER/NAME.f.bin
(little-endian float64, row after row) and prints one JSON object: pymoo's version and, per case, its name, the
Tunebench problem (family, number, objectives, variables, k), and the row counts.
"""
import json
import sys

import numpy as np
import pymoo
from pymoo.problems import get_problem

folder = sys.argv[1]
rng = np.random.default_rng(11)
cases = []


def write(name, family, number, m, n, k, problem, optimal):
    lower, upper = np.asarray(problem.xl, float), np.asarray(problem.xu, float)
    x = lower + (upper - lower) * rng.random((10000, n))
    if optimal is not None:
        x[-100:, k:] = optimal[k:]
    f = problem.evaluate(x)
    x.astype("<f8").tofile(f"{folder}/{name}.x.bin")
    f.astype("<f8").tofile(f"{folder}/{name}.f.bin")
    cases.append({"name": name, "family": family, "number": number, "objectives": m, "variables": n,
                  "k": k, "rows": 10000})


for number, n in [(1, 30), (2, 30), (3, 30), (4, 10), (6, 10)]:
    write(f"zdt{number}", "zdt", number, 2, n, 1, get_problem(f"zdt{number}", n_var=n), np.zeros(n))
for number in range(1, 8):
    k = 5 if number == 1 else 20 if number == 7 else 10
    for m in (2, 3, 5):
        n = m + k - 1
        best = 0.5 if number <= 5 else 0.0
        write(f"dtlz{number}-m{m}", "dtlz", number, m, n, m - 1,
              get_problem(f"dtlz{number}", n_var=n, n_obj=m), np.full(n, best))
for number in range(1, 10):
    for m in (2, 3):
        k, l = 4, 20
        n = k + l
        optimal = 0.35 * 2 * np.arange(1, n + 1) if number <= 7 else None
        write(f"wfg{number}-m{m}", "wfg", number, m, n, k, get_problem(f"wfg{number}", n_var=n, n_obj=m, k=k),
              optimal)

print(json.dumps({"pymoo": pymoo.__version__, "cases": cases}))

#!/usr/bin/env python3
"""Prints the reference values of PymooIndicatorTests: pymoo's HV, IGD and IGD+ on fixed fronts.

Usage: python3 pymoo_indicators_reference.py

The fronts are pymoo's own Pareto fronts of ZDT1, ZDT3 (disconnected), DTLZ2 with 3 objectives and DTLZ1 with 4
(get_problem(...).pareto_front(); DTLZ1's from Das-Dennis directions with 6 partitions); each is scored against approximation sets made from it with NumPy's
default_rng(7): the front itself, every third point, the front shifted by 0.05 in every objective, and the front
with uniform noise in [0, 0.1) added, and the reference point 1.1 (ZDT, DTLZ2) or 0.6 (DTLZ1, whose front lies on
the simplex of sum 0.5) in every objective. Prints one JSON object: pymoo's version and, per case, the front, the
set, the reference point, and pymoo's HV(ref_point).do, IGD(front).do and IGDPlus(front).do as repr() strings.
"""
import json

import numpy as np
import pymoo
from pymoo.indicators.hv import HV
from pymoo.indicators.igd import IGD
from pymoo.indicators.igd_plus import IGDPlus
from pymoo.problems import get_problem
from pymoo.util.ref_dirs import get_reference_directions

rng = np.random.default_rng(7)
fronts = [
    ("zdt1", get_problem("zdt1").pareto_front(), 1.1),
    ("zdt3", get_problem("zdt3").pareto_front(), 1.1),
    ("dtlz2-3", get_problem("dtlz2", n_obj=3).pareto_front(), 1.1),
    ("dtlz1-4", get_problem("dtlz1", n_obj=4).pareto_front(
        get_reference_directions("das-dennis", 4, n_partitions=6)), 0.6),
]
cases = []
for name, front, reference in fronts:
    m = front.shape[1]
    sets = {
        "front": front,
        "every third": front[::3],
        "shifted": front + 0.05,
        "noisy": front + 0.1 * rng.random(front.shape),
    }
    for label, points in sets.items():
        ref = np.full(m, reference)
        cases.append({
            "name": f"{name} {label}", "front": front.tolist(), "points": points.tolist(), "reference": reference,
            "hv": repr(float(HV(ref_point=ref).do(points))),
            "igd": repr(float(IGD(front).do(points))),
            "igd_plus": repr(float(IGDPlus(front).do(points))),
        })
print(json.dumps({"pymoo": pymoo.__version__, "cases": cases}))

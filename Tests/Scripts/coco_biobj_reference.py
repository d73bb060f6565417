#!/usr/bin/env python3
"""COCO's bi-objective suite bbob-biobj, through coco-experiment's cocoex, for BBOBBiobjectiveAgreementTests.

Usage: python3 coco_biobj_reference.py FOLDER

For every function 1-55, dimension 2, 3, 5, 10, 20, 40 and instance 1-15 (4,950 problems) of
cocoex.Suite("bbob-biobj", ...), the script writes to FOLDER:
- points.bin: four points per problem (two uniform in [-5, 5]^d, two in [-100, 100]^d, from NumPy's
  default_rng(5)), as little-endian float64 numbers, row after row;
- values.bin: the problem's two objective values at each point, in the same order;
and prints one JSON object: per problem its function, dimension, instance, COCO's name (which names the two bbob
problems), its bounds, its nadir point (largest_fvalues_of_interest), its ideal point (the two bbob problems'
best_value() through cocoex.BareProblem), the offset of its first point (in points), and, for instances 1-10, the
reference hypervolume that COCO's bbob-biobj logger measures against (read from the .dat files the logger writes
after one evaluation per problem, in a scratch folder under FOLDER). Numbers are repr() strings, which Foundation
reads exactly.

Exit status 0 on success, 2 when cocoex or NumPy is missing (with a message on stderr), 1 on any other error.
"""

import glob
import json
import os
import re
import sys

try:
    import numpy as np
    import cocoex
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"{error}; install it with 'pip install -r Tests/Scripts/requirements-coco.txt'", file=sys.stderr)
    sys.exit(2)

folder = sys.argv[1]
cocoex.log_level("warning")  # COCO's info messages go to standard output, where the JSON goes
rng = np.random.default_rng(5)
NAME = re.compile(r"bbob_f(\d+)_i(\d+)_d(\d+)__bbob_f(\d+)_i(\d+)_d(\d+)")

problems = []
points_file = open(os.path.join(folder, "points.bin"), "wb")
values_file = open(os.path.join(folder, "values.bin"), "wb")
offset = 0
suite = cocoex.Suite("bbob-biobj", "", "dimensions: 2,3,5,10,20,40 instance_indices: 1-15")
for problem in suite:
    d = problem.dimension
    name = NAME.search(problem.name)
    f1, i1, f2, i2 = int(name[1]), int(name[2]), int(name[4]), int(name[5])
    ideal = [cocoex.BareProblem("bbob", f1, d, i1).best_value(), cocoex.BareProblem("bbob", f2, d, i2).best_value()]
    x = np.concatenate([rng.uniform(-5, 5, (2, d)), rng.uniform(-100, 100, (2, d))])
    y = np.array([problem(row) for row in x])
    points_file.write(x.astype("<f8").tobytes())
    values_file.write(y.astype("<f8").tobytes())
    problems.append({
        "function": int(problem.id_function), "dimension": d, "instance": int(problem.id_instance),
        "name": problem.name, "lower": repr(float(problem.lower_bounds[0])),
        "upper": repr(float(problem.upper_bounds[0])),
        "nadir": [repr(float(v)) for v in problem.largest_fvalues_of_interest],
        "ideal": [repr(float(v)) for v in ideal], "offset": offset,
    })
    offset += 4
points_file.close()
values_file.close()

# The reference volumes: one evaluation of each problem of instances 1-10 under the bbob-biobj logger.
scratch = os.path.join(folder, "logger")
os.makedirs(scratch, exist_ok=True)
os.chdir(scratch)
observer = cocoex.Observer("bbob-biobj", "result_folder: out log_nondominated: none")
suite = cocoex.Suite("bbob-biobj", "", "dimensions: 2,3,5,10,20,40 instance_indices: 1-10")
for problem in suite:
    problem.observe_with(observer)
    problem(np.zeros(problem.dimension))
    problem.free()
del observer
references = {}
HEADER = re.compile(r"instance = (\d+), reference value = ([0-9.eE+-]+)")
for path in glob.glob(os.path.join(scratch, "**", "*_hyp.dat"), recursive=True):
    match = re.search(r"bbob-biobj_f(\d+)_d(\d+)_hyp\.dat$", path)
    f, d = int(match[1]), int(match[2])
    with open(path) as dat:
        for line in dat:
            header = HEADER.search(line)
            if header:
                references[(f, d, int(header[1]))] = header[2]
for item in problems:
    value = references.get((item["function"], item["dimension"], item["instance"]))
    item["reference"] = repr(float(value)) if value is not None else None
print(json.dumps({"cocoex": cocoex.__version__, "problems": problems}))

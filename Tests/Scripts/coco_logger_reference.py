"""COCO's own bbob logger on given runs: the reference for Tunebench's COCO data export.

Usage: python3 coco_logger_reference.py SPEC.json OUTPUT_FOLDER

SPEC.json lists runs, each {"function": f, "dimension": d, "instance": i, "evaluations": n, "seed": s}. For each run
the script draws n points uniformly in [-5, 5]^d (NumPy's default_rng(s)), evaluates them in order on cocoex's bbob
problem (f, d, i) with a "bbob" observer attached (algorithm name "ALG", info "reference"), and writes
OUTPUT_FOLDER/run-K/points.bin and values.bin (float64, little endian: n x d points, then the n values the problem
returned), beside the observer's own folder OUTPUT_FOLDER/run-K/exdata/coco/ (.info, .dat, .tdat as COCO writes
them). It prints the coco-experiment version.
"""

import json
import os
import sys

import cocoex
import numpy as np

cocoex.log_level("warning")


def main(spec_path, output):
    runs = json.load(open(spec_path))
    for k, run in enumerate(runs):
        folder = os.path.join(output, f"run-{k}")
        os.makedirs(folder, exist_ok=True)
        f, d, i = run["function"], run["dimension"], run["instance"]
        suite = cocoex.Suite("bbob", f"instances: {i}", f"function_indices: {f} dimensions: {d}")
        observer = cocoex.Observer(
            "bbob",
            f"outer_folder: {os.path.join(folder, 'exdata')} result_folder: coco "
            "algorithm_name: ALG algorithm_info: reference",
        )
        problem = suite.get_problem(0)
        problem.observe_with(observer)
        rng = np.random.default_rng(run["seed"])
        points = rng.uniform(-5, 5, size=(run["evaluations"], d))
        values = np.array([problem(x) for x in points], dtype="<f8")
        problem.free()
        points.astype("<f8").tofile(os.path.join(folder, "points.bin"))
        values.tofile(os.path.join(folder, "values.bin"))
    print(cocoex.__version__)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

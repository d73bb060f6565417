"""COCO's own bi-objective logger on given points: the reference for Tunebench's bbob-biobj COCO export.

Usage: python3 coco_biobj_logger_reference.py SPEC.json OUTPUT_FOLDER

SPEC.json is {"algorithms": [{"name": A, "info": TEXT, "runs": [{"function": f, "dimension": d, "instance": i,
"points": PATH}, ...]}, ...]}. For each algorithm, in order, the script attaches one "bbob-biobj" observer with COCO's
default options (result folder and algorithm name A, algorithm info TEXT) to problem after problem of cocoex's whole
bbob-biobj suite (`get_problem_by_function_dimension_instance`), and evaluates on each the points of its run in order:
PATH holds them as float64, little endian, n x d. The observer writes OUTPUT_FOLDER/A/ (.info, .dat, .tdat, .rdat,
.mdat and archive/*.adat) as COCO writes them. The script prints the coco-experiment version.
"""

import json
import os
import sys

import cocoex
import numpy as np

cocoex.log_level("error")


def main(spec_path, output):
    spec = json.load(open(spec_path))
    suite = cocoex.Suite("bbob-biobj", "", "")
    for algorithm in spec["algorithms"]:
        name = algorithm["name"]
        observer = cocoex.Observer(
            "bbob-biobj",
            f"outer_folder: {output} result_folder: {name} algorithm_name: {name} "
            f'algorithm_info: "{algorithm["info"]}"',
        )
        for run in algorithm["runs"]:
            d = run["dimension"]
            problem = suite.get_problem_by_function_dimension_instance(run["function"], d, run["instance"])
            problem.observe_with(observer)
            points = np.fromfile(run["points"], dtype="<f8").reshape(-1, d)
            for x in points:
                problem(x)
            problem.free()
        del observer  # (cocoex 2.8.2's Observer.free() fails; the files are complete once each problem is freed)
    print(cocoex.__version__)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

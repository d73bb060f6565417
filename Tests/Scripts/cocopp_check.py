"""COCO's post-processing on data Tunebench exported: the reference of `tunebench export coco`.

Usage: python3 cocopp_check.py OUTPUT_FOLDER [--targets T1,T2,...] ALGORITHM_FOLDER...

Runs `python -m cocopp -o OUTPUT_FOLDER/ppdata ALGORITHM_FOLDER...` (COCO's whole post-processing, offline), then
reads each algorithm folder with cocopp's own reader (`cocopp.pproc.DataSetList`) and prints one JSON object:
{"status": exit status of cocopp, "warnings": [the distinct warning messages cocopp printed],
 "ert": {folder: [{"function": f, "dimension": d, "instances": [...], "maxevals": [...],
                   "targets": [...], "ert": [ERT per target, null when infinite]}]}}.
The targets are COCO's absolute Δf targets 10^1, 10^-1, 10^-3, 10^-5 and 10^-7 unless `--targets` gives others (for
bbob-biobj data, targets of the hypervolume indicator); the ERTs are cocopp's `DataSet.detERT`.
"""

import json
import math
import re
import subprocess
import sys
import warnings

TARGETS = [1e1, 1e-1, 1e-3, 1e-5, 1e-7]


def main(output, folders, targets=TARGETS):
    process = subprocess.run(
        [sys.executable, "-m", "cocopp", "-o", output + "/ppdata"] + folders,
        capture_output=True, text=True,
    )
    text = process.stdout + process.stderr
    found = sorted(set(m.strip() for m in re.findall(r"Warning: (.*)", text)))
    warnings.simplefilter("ignore")
    import cocopp

    ert = {}
    for folder in folders:
        entries = []
        for ds in cocopp.pproc.DataSetList(folder):
            values = [float(x) for x in ds.detERT(targets)]
            entries.append({
                "function": int(ds.funcId), "dimension": int(ds.dim),
                "instances": [int(i) for i in ds.instancenumbers],
                "maxevals": [float(x) for x in ds.maxevals],
                "targets": targets,
                "ert": [None if math.isinf(x) else x for x in values],
            })
        ert[folder] = entries
    print(json.dumps({"status": process.returncode, "warnings": found, "ert": ert}))


if __name__ == "__main__":
    arguments = sys.argv[2:]
    if arguments[:1] == ["--targets"]:
        main(sys.argv[1], arguments[2:], [float(t) for t in arguments[1].split(",")])
    else:
        main(sys.argv[1], arguments)

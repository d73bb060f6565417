#!/usr/bin/env python3
"""Which bayesmark problems give other values on today's scikit-learn than on the one bayesmark 0.0.8 ran on.

Usage (from the repository root):

    .build/venv-bayesmark/bin/python Tests/Scripts/bayesmark_versions.py values old.json   # scikit-learn 1.1.3
    python3 Tests/Scripts/bayesmark_versions.py values new.json                           # today's
    python3 Tests/Scripts/bayesmark_versions.py compare old.json new.json

``values`` evaluates, for every problem, ``--configurations`` configurations (5 by default) drawn uniformly in
bayesmark's warped space (the space its optimizers see: log and logit axes uniform, integers rounded half to even,
booleans above one half true) from ``RandomState(index of the problem)``, with Tunebench's
``Plugins/python-bayesmark/bayesmark_suite.py`` and NumPy's global generator seeded before each, and writes the
losses. ``compare`` prints, per problem, how many configurations give the same loss bit for bit, the largest
relative difference, and the scikit-learn versions; the differences come from what scikit-learn changed (README.md
of the plugin says what).
"""

import argparse
import json
import math
import os
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, os.pardir, "Plugins", "python-bayesmark"))
warnings.simplefilter("ignore")
import bayesmark_suite as suite  # noqa: E402


def configuration(parameters, random):
    """One configuration, uniform in the warped space."""
    values = {}
    for p in parameters:
        if p.kind == "bool":
            values[p.name] = bool(random.uniform(0, 1) > 0.5)
            continue
        low, high = p.low, p.high
        if p.warp == "log":
            u = math.exp(random.uniform(math.log(low), math.log(high)))
        elif p.warp == "logit":
            y = random.uniform(math.log(low / (1 - low)), math.log(high / (1 - high)))
            u = 1 / (1 + math.exp(-y))
        else:
            u = random.uniform(low, high)
        u = min(max(u, low), high)
        values[p.name] = int(np.round(u)) if p.kind == "int" else float(u)
    return values


def values(path: str, count: int) -> None:
    import sklearn

    rows = []
    for index, (model, dataset, metric) in enumerate(suite.problems()):
        problem = suite.Problem(model, dataset, metric)
        random = np.random.RandomState(index)
        for k in range(count):
            arguments = configuration(problem.parameters, random)
            loss = problem.evaluate(arguments, seed=1000 * index + k)
            rows.append({"problem": suite.problem_name(model, dataset, metric), "k": k, "loss": loss})
        print(suite.problem_name(model, dataset, metric), flush=True)
    with open(path, "w") as f:
        json.dump({"numpy": np.__version__, "scikit-learn": sklearn.__version__, "rows": rows}, f)


def compare(old_path: str, new_path: str) -> None:
    old, new = (json.load(open(p)) for p in (old_path, new_path))
    print("scikit-learn {} (numpy {}) against {} (numpy {})".format(
        old["scikit-learn"], old["numpy"], new["scikit-learn"], new["numpy"]))
    before = {(r["problem"], r["k"]): r["loss"] for r in old["rows"]}
    by_problem = {}
    for r in new["rows"]:
        a, b = before[(r["problem"], r["k"])], r["loss"]
        same = a == b or (not math.isfinite(a) and not math.isfinite(b))
        finite = math.isfinite(a) and math.isfinite(b)
        difference = abs(a - b) / max(abs(a), 1e-300) if finite and not same else (0.0 if same else math.inf)
        entry = by_problem.setdefault(r["problem"], [0, 0, 0.0])
        entry[0] += 1
        entry[1] += same
        entry[2] = max(entry[2], difference)
    differing = 0
    for problem, (count, same, largest) in by_problem.items():
        differing += same < count
        print("{:34s} {}/{} bit for bit, largest relative difference {:.3g}".format(problem, same, count, largest))
    print("{} of {} problems differ".format(differing, len(by_problem)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("values")
    v.add_argument("output")
    v.add_argument("--configurations", type=int, default=5)
    c = sub.add_parser("compare")
    c.add_argument("old")
    c.add_argument("new")
    args = parser.parse_args()
    if args.command == "values":
        values(args.output, args.configurations)
    else:
        compare(args.old, args.new)
    return 0


if __name__ == "__main__":
    sys.exit(main())

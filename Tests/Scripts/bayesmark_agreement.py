#!/usr/bin/env python3
"""Tunebench's bayesmark problems (Plugins/python-bayesmark/bayesmark_suite.py) against bayesmark 0.0.8 itself.

Usage (from the repository root, in the environment bayesmark runs in; .ci/run and
Plugins/python-bayesmark/README.md make it):

    .venv-bayesmark/bin/python Tests/Scripts/bayesmark_agreement.py [--configurations N] [--only REGEX]

For each of the 108 problems (or those whose name matches REGEX):

1. the search space: bayesmark's ``SklearnModel(model, dataset, metric).get_api_config()`` must be Tunebench's,
   parameter for parameter (name, type, range, warp);
2. the values: N configurations (50 by default) drawn by bayesmark's own random search (``random_search.
   suggest_dict`` with ``RandomState(index of the problem)``) are evaluated by bayesmark's ``SklearnModel.evaluate``
   and by Tunebench's ``Problem.evaluate``, NumPy's global generator seeded with the same seed before each (bayesmark
   seeds it once per study; its models draw from it). The cross-validation losses must agree to 1e-12 (absolute, or
   relative for values above 1); an evaluation that bayesmark refuses (its loss is not finite) must not be finite
   here either;
3. the emulation of ``normalize`` for scikit-learn 1.2 and later (``NormalizedLinear``, which this environment does
   not need): on the lasso and linear regression problems, each configuration with ``normalize`` and
   ``fit_intercept`` must give scikit-learn 1.1.3's own ``normalize=True`` value to 1e-9 (relative).

Prints one line per problem (configurations, how many agree bit for bit, the largest difference, seconds) and a
summary; exits with status 1 at the first disagreement in space or value, 0 when all agree.
"""

import argparse
import math
import os
import re
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, os.pardir, "Plugins", "python-bayesmark"))

warnings.simplefilter("ignore")
import bayesmark_suite as suite  # noqa: E402
from bayesmark import random_search  # noqa: E402
from bayesmark.sklearn_funcs import SklearnModel  # noqa: E402

TOLERANCE = 1e-12


def check_space(problem: "suite.Problem", api: dict) -> None:
    """Tunebench's parameters against bayesmark's api_config."""
    ours = {p.name: p for p in problem.parameters}
    if sorted(ours) != sorted(api):
        raise AssertionError("parameters {} against bayesmark's {}".format(sorted(ours), sorted(api)))
    for name, entry in api.items():
        p = ours[name]
        if p.kind != entry["type"]:
            raise AssertionError("{}: type {} against bayesmark's {}".format(name, p.kind, entry["type"]))
        if p.kind == "bool":
            continue
        if (p.low, p.high) != tuple(entry["range"]):
            raise AssertionError("{}: range {} against bayesmark's {}".format(name, (p.low, p.high), entry["range"]))
        if p.warp != entry.get("space", "linear"):
            raise AssertionError("{}: warp {} against bayesmark's {}".format(name, p.warp, entry.get("space")))


def agree(a: float, b: float) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return not math.isfinite(a) and not math.isfinite(b)
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configurations", type=int, default=50)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    import sklearn

    print("bayesmark agreement: numpy {}, scikit-learn {}, {} configurations per problem, tolerance {}".format(
        np.__version__, sklearn.__version__, args.configurations, TOLERANCE), flush=True)
    total = identical = emulations = 0
    largest = 0.0
    start = time.time()
    for index, (model, dataset, metric) in enumerate(suite.problems()):
        name = suite.problem_name(model, dataset, metric)
        if args.only and not re.search(args.only, name):
            continue
        began = time.time()
        reference = SklearnModel(model, dataset, metric)
        ours = suite.Problem(model, dataset, metric)
        check_space(ours, reference.get_api_config())
        configurations = random_search.suggest_dict(
            [], [], reference.get_api_config(), n_suggestions=args.configurations,
            random=np.random.RandomState(index))
        same = 0
        worst = 0.0
        for k, configuration in enumerate(configurations):
            seed = 1000 * index + k
            np.random.seed(seed)
            try:
                expected = float(reference.evaluate(configuration)[0])
            except AssertionError:  # bayesmark asserts finite losses; a study records such an evaluation as inf
                expected = math.inf
            got = ours.evaluate(dict(configuration), seed=seed)
            if not agree(expected, got):
                print("DISAGREE {} configuration {} {}: bayesmark {!r}, Tunebench {!r}".format(
                    name, k, configuration, expected, got), flush=True)
                return 1
            same += expected == got or (not math.isfinite(expected) and not math.isfinite(got))
            if model in ("lasso", "linear") and ours.kind == "reg" and configuration["normalize"] \
                    and configuration["fit_intercept"] and math.isfinite(expected):
                emulated = suite.NormalizedLinear(kind="lasso" if model == "lasso" else "ridge", **configuration)
                np.random.seed(seed)
                value = -float(np.mean(suite.cross_val_score(
                    emulated, ours.X, ours.y, scoring=suite.SCORERS[metric], cv=5)))
                emulations += 1
                if abs(value - expected) > 1e-9 * max(1.0, abs(expected)):
                    print("DISAGREE {} configuration {}: normalize=True {!r}, its emulation {!r}".format(
                        name, k, expected, value), flush=True)
                    return 1
            if math.isfinite(expected):
                worst = max(worst, abs(expected - got))
        total += len(configurations)
        identical += same
        largest = max(largest, worst)
        print("{:34s} {:3d} configurations, {:3d} bit for bit, largest difference {:.3g}, {:.1f} s".format(
            name, len(configurations), same, worst, time.time() - began), flush=True)
    print("all agree: {} evaluations, {} bit for bit, largest difference {:.3g}; {} normalize emulations; {:.0f} s"
          .format(total, identical, largest, emulations, time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())

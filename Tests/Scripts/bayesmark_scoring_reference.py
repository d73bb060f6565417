#!/usr/bin/env python3
"""bayesmark 0.0.8's own normalised score of fixed evaluations: the reference of BayesmarkScoringTests.

Usage (in the environment of Tests/Scripts/requirements-bayesmark.txt):

    .build/venv-bayesmark/bin/python Tests/Scripts/bayesmark_scoring_reference.py

Three problems, random search (bayesmark's baseline, a method named ``RandomSearch_*``) and two optimizers ``a``
and ``b``, 4 studies each of 6 iterations of one suggestion (``EVALUATIONS`` below, the same numbers as the Swift
test). ``experiment_baseline.compute_baseline`` gives each problem's padded best (``PERF_BEST``) and clip
(``PERF_CLIP``, the lower median of random search's 24 evaluations); ``experiment_analysis.compute_aggregates`` gives
the mean normalised loss per problem and method (``NORMED_MEAN``) and its mean over problems (``summary["mean"]``),
from which the leaderboard figure is ``100 (1 - mean)`` at the last iteration. Everything is printed with 17
significant digits. A failed evaluation is ``inf`` (bayesmark's record of it); random search has none, since
Tunebench leaves a failed evaluation out of the baseline's evaluations where bayesmark would count it as ``inf``.
"""

import warnings

import numpy as np
import xarray as xr

warnings.simplefilter("ignore")
from bayesmark import experiment_analysis, experiment_baseline  # noqa: E402

INF = float("inf")
METHODS = ["RandomSearch_0_0", "a_0_0", "b_0_0"]
# EVALUATIONS[problem][method][study] = the 6 evaluations in order.
EVALUATIONS = {
    "p1": {
        "RandomSearch_0_0": [[5.0, 3.0, 4.0, 2.5, 6.0, 3.5], [4.5, 5.5, 2.0, 3.0, 7.0, 1.5],
                             [6.5, 4.0, 3.25, 5.0, 2.75, 4.25], [3.75, 8.0, 2.25, 6.25, 5.25, 4.75]],
        "a_0_0": [[4.0, 2.0, 1.0, 0.5, 0.75, 0.25], [INF, 3.0, 2.5, 1.25, 0.6, 0.4],
                  [2.0, 1.5, 1.4, 1.3, 1.2, 1.1], [5.0, 4.0, 3.0, 2.0, 1.0, 0.9]],
        "b_0_0": [[3.0, 3.0, 3.0, 2.9, 2.8, 2.7], [6.0, 5.0, 4.0, 3.0, 2.0, 1.0],
                  [INF, INF, 9.0, 8.0, 7.0, 0.3], [1.9, 1.8, 1.7, 1.6, 1.5, 1.45]],
    },
    "p2": {
        "RandomSearch_0_0": [[-0.5, -0.75, -0.6, -0.9, -0.55, -0.8], [-0.7, -0.65, -0.85, -0.5, -0.95, -0.6],
                             [-0.4, -0.9, -0.7, -0.62, -0.58, -0.66], [-0.88, -0.52, -0.64, -0.72, -0.68, -0.5]],
        "a_0_0": [[-0.9, -0.95, -0.97, -0.97, -0.98, -0.99], [-0.6, -0.7, -0.8, -0.9, -0.91, -0.92],
                  [-0.96, -0.96, -0.96, -0.96, -0.96, -0.96], [-0.5, -0.5, -0.5, -0.5, -0.5, -0.99]],
        "b_0_0": [[-0.4, -0.4, -0.4, -0.4, -0.4, -0.4], [-0.8, -0.85, -0.9, -0.93, -0.94, -0.94],
                  [-0.3, -0.6, -0.9, -0.92, -0.93, -0.95], [-0.7, -0.75, -0.8, -0.85, -0.9, -0.975]],
    },
    "p3": {
        "RandomSearch_0_0": [[1200.0, 950.0, 3100.0, 2800.0, 1500.0, 2200.0],
                             [4000.0, 1800.0, 2600.0, 990.0, 3300.0, 1250.0],
                             [2750.0, 1900.0, 1100.0, 3600.0, 2050.0, 1700.0],
                             [1600.0, 2400.0, 3900.0, 1300.0, 2900.0, 1000.0]],
        "a_0_0": [[900.0, 850.0, 800.0, 790.0, 780.0, 770.0], [2000.0, 1500.0, 1000.0, 950.0, 920.0, 910.0],
                  [INF, 1000.0, 990.0, 980.0, 970.0, 960.0], [3000.0, 2500.0, 2000.0, 1500.0, 1000.0, 500.0]],
        "b_0_0": [[1000.0, 1000.0, 1000.0, 1000.0, 1000.0, 1000.0], [800.0, 800.0, 800.0, 800.0, 800.0, 800.0],
                  [5000.0, 4000.0, 3000.0, 2000.0, 1500.0, 1200.0], [1900.0, 1800.0, 1700.0, 1600.0, 1500.0, 1400.0]],
    },
}


def main() -> None:
    problems = sorted(EVALUATIONS)
    iters, studies = 6, 4
    values = np.empty((iters, 1, len(problems), len(METHODS), studies))
    for p, problem in enumerate(problems):
        for m, method in enumerate(METHODS):
            for s in range(studies):
                values[:, 0, p, m, s] = EVALUATIONS[problem][method][s]
    perf = xr.DataArray(
        values, dims=("iter", "suggestion", "function", "optimizer", "study_id"),
        coords={"iter": np.arange(iters), "suggestion": np.arange(1), "function": problems, "optimizer": METHODS,
                "study_id": np.arange(studies)})
    baseline = experiment_baseline.compute_baseline(perf)
    aggregates, summary = experiment_analysis.compute_aggregates(perf, baseline, perf)
    for problem in problems:
        print("problem {} best {!r} clip {!r}".format(
            problem, float(baseline["best"].sel(function=problem)), float(baseline["clip"].sel(function=problem))))
    for problem in problems:
        for method in METHODS:
            normed = aggregates["mean normed"].sel(function=problem, optimizer=method).values
            print("normed {} {} {}".format(problem, method, " ".join(repr(float(x)) for x in normed)))
    for method in METHODS:
        mean = summary["mean"].sel(optimizer=method).values
        print("mean {} {}".format(method, " ".join(repr(float(x)) for x in mean)))
        print("leaderboard {} {!r}".format(method, 100 * (1 - float(mean[-1]))))


if __name__ == "__main__":
    main()

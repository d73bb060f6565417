#!/usr/bin/env python3
"""Reference values for the analyses' tests in Tests/TunebenchReportTests/ (fixtures in ReportFixtures.swift).

Usage: python3 report_statistics_reference.py

Recomputes, independently of the Swift code and from the same hand-written runs, the quantities of
Sources/TunebenchReport/Analysis/ (average rank, bayesmark's normalised score, pairwise Mann-Whitney tests with
Holm's correction, COCO data profile, expected running time) and prints them with repr() so that the tests can
compare to 1e-12. Written against NumPy 2.4.6, SciPy 1.17.1 and statsmodels 0.15.0.

Failed or missing runs: the average rank ranks a repetition's missing run last (metric inf at every point, sharing
the mean rank with other infs) and counts every repetition 0..max(repetitions, highest + 1) - 1; the normalised
score averages each optimizer over max(repetitions, complete runs) runs, the missing ones at loss 1. Pairwise tests
are Holm-corrected within each problem.

A run is a list of steps (evaluation, cost, metric); its metric at x is the metric of the last step at or before x,
inf before the first step. Costs equal evaluation numbers here, so only the evaluation axis is exercised.
"""

import numpy as np
from scipy.stats import mannwhitneyu, rankdata
from statsmodels.stats.multitest import multipletests

INF = float("inf")

# problem -> (optimum or None, repetitions, {optimizer: (evaluationMedian or None, {repetition: steps})})
PROBLEMS = {
    "sphere": (0.5, 4, {
        "random": (7.0, {
            0: [(1, 8.0), (3, 4.0), (6, 4.0)],
            1: [(2, 6.0), (5, 3.0), (6, 3.0)],
            2: [(1, 9.0), (6, 9.0)],
            3: [(1, 5.0), (4, 2.0), (6, 2.0)],
        }),
        "tpe": (5.0, {  # repetition 2 failed
            0: [(1, 8.0), (2, 3.0), (5, 0.5), (6, 0.5)],
            1: [(1, 6.0), (3, 1.0), (6, 1.0)],
            3: [(2, 4.0), (4, 0.02), (6, 0.02)],
        }),
        "cmaes": (6.5, {
            0: [(1, 8.0), (4, 4.0), (6, 4.0)],
            1: [(3, 6.0), (6, 2.5)],
            2: [(1, 7.0), (6, 7.0)],
            3: [(1, 5.0), (2, 0.001), (6, 0.001)],
        }),
    }),
    "svm": (None, 3, {
        "random": (0.35, {
            0: [(1, 0.30), (4, 0.25), (6, 0.25)],
            1: [(1, 0.28), (6, 0.28)],
            2: [(2, 0.40), (3, 0.26), (6, 0.26)],
        }),
        "tpe": (0.33, {
            0: [(1, 0.31), (3, 0.22), (6, 0.22)],
            1: [(1, 0.29), (5, 0.21), (6, 0.21)],
            2: [(1, 0.27), (2, 0.235), (6, 0.235)],
        }),
        "cmaes": (0.45, {
            0: [(1, 0.30), (6, 0.24)],
            1: [(2, 0.33), (6, 0.30)],
            2: [(1, 0.25), (6, 0.25)],
        }),
    }),
    # Every evaluation hits the optimum: no scale for the normalised score or the targets.
    "flat": (1.0, 2, {
        "random": (0.0, {0: [(1, 0.0), (6, 0.0)], 1: [(1, 0.0), (6, 0.0)]}),
        "tpe": (0.0, {0: [(1, 0.0), (6, 0.0)], 1: [(1, 0.0), (6, 0.0)]}),
        "cmaes": (0.0, {0: [(1, 0.0), (6, 0.0)], 1: [(1, 0.0), (6, 0.0)]}),
    }),
}
OPTIMIZERS = ["random", "tpe", "cmaes"]
POINTS = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]

# Pairwise tests alone: six repetitions, so that a win can survive Holm's correction.
PAIRS = {
    "a": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
    "b": [0.45, 0.5, 0.6, 0.8, 0.9, 1.0],
    "c": [0.65, 0.75, 0.85, 0.95, 1.05, 1.15],
}


def metric_at(steps, x):
    value = INF
    for evaluation, metric in steps:
        if evaluation <= x:
            value = metric
    return value


def first_reach(steps, target):
    for evaluation, metric in steps:
        if metric <= target:
            return float(evaluation)
    return None


def lowest_final(runs_by_optimizer):
    return min(steps[-1][1] for _, runs in runs_by_optimizer.values() for steps in runs.values())


def average_rank(problems=PROBLEMS):
    """Mid-ranks per (problem, repetition) over every repetition, a missing run ranked last as inf."""
    optimizers_all = list(dict.fromkeys(o for _, _, optimizers in problems.values() for o in optimizers))
    sums = {o: np.zeros(len(POINTS)) for o in optimizers_all}
    counts = {o: 0 for o in optimizers_all}
    pairs = 0
    ranked_last = {}
    for problem, (_, repetitions, optimizers) in problems.items():
        names = list(optimizers)
        highest = max((r for _, runs in optimizers.values() for r in runs), default=-1)
        every = range(max(repetitions, highest + 1))
        ranked_last[problem] = [r for r in every if any(r not in optimizers[o][1] for o in names)]
        for r in every:
            pairs += 1
            for k, x in enumerate(POINTS):
                values = [metric_at(optimizers[o][1][r], x) if r in optimizers[o][1] else INF for o in names]
                for o, rank in zip(names, rankdata(values, method="average")):
                    sums[o][k] += rank
            for o in names:
                counts[o] += 1
    print("average rank: pairs", pairs, "ranked last", ranked_last)
    for o in optimizers_all:
        print("  ", o, "pairs", counts[o], [repr(float(v)) for v in sums[o] / counts[o]] if counts[o] else [])


def normalized_score(problems=PROBLEMS, baseline="random"):
    """bayesmark's NORMED_MEAN over max(repetitions, complete runs) runs per optimizer, missing runs at loss 1."""
    optimizers_all = list(dict.fromkeys(o for _, _, optimizers in problems.values() for o in optimizers))
    losses = {o: [] for o in optimizers_all}  # per included problem: array over points
    for problem, (optimum, repetitions, optimizers) in problems.items():
        complete = [steps for _, runs in optimizers.values() for steps in runs.values()]
        opt = 0.0 if optimum is not None else min(steps[-1][1] for steps in complete)
        clip = optimizers[baseline][0]
        if not optimizers[baseline][1] or clip is None or clip <= opt:
            print("normalized score: excluded", problem, "opt", opt, "clip", clip)
            continue
        print("normalized score:", problem, "opt", repr(opt), "clip", repr(clip))
        for o in optimizers_all:
            runs = optimizers[o][1] if o in optimizers else {}
            planned = max(repetitions, len(runs), 1)
            s = np.full((planned, len(POINTS)), INF)  # a missing run is inf throughout, clipped to 1 below
            for row, steps in enumerate(runs.values()):
                s[row] = [metric_at(steps, x) for x in POINTS]
            normed = np.clip((s - opt) / (clip - opt), -1.0, 1.0)
            per_problem = normed.mean(axis=0)
            losses[o].append(per_problem)
            print("   ", o, "runs", len(runs), "missing", planned - len(runs), "normed mean",
                  [repr(float(v)) for v in per_problem])
    base = np.mean(losses[baseline], axis=0)
    for o in optimizers_all:
        mean = np.mean(losses[o], axis=0)
        print("  ", o, "problems", len(losses[o]), "mean loss", [repr(float(v)) for v in mean])
        print("  ", o, "score", [repr(float(v)) for v in 100 * (1 - mean)])
        print("  ", o, "normed mean", [repr(float(v)) for v in mean / base])


def pairwise(problems, alpha=0.05):
    """Mann-Whitney U per pair, Holm-corrected within each problem (one family per problem)."""
    for problem, finals in problems.items():
        names = list(finals)
        rows = []
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                x, y = finals[names[i]], finals[names[j]]
                if len(x) < 2 or len(y) < 2:
                    continue
                two = mannwhitneyu(x, y, method="asymptotic", use_continuity=True, alternative="two-sided")
                rows.append((names[i], names[j], two.statistic, two.pvalue, len(x) * len(y) / 2))
        adjusted = multipletests([r[3] for r in rows], method="holm")[1] if rows else []
        for (a, b, u, p, mu), adj in zip(rows, adjusted):
            outcome = "tie" if adj >= alpha else ("win" if u < mu else "loss")
            print("pairwise:", problem, a, b, "U", repr(float(u)), "p", repr(float(p)), "adjusted",
                  repr(float(adj)), outcome)


def minimum_attainable_p(sizes):
    """The two-sided asymptotic p of fully separated samples without ties, and Holm's first threshold."""
    for n1, n2 in sizes:
        two = mannwhitneyu(np.arange(n1), np.arange(n1, n1 + n2), method="asymptotic", use_continuity=True,
                           alternative="two-sided")
        print("minimum attainable p:", n1, n2, repr(float(two.pvalue)))


def targets(optimum, optimizers):
    f_l = 0.0 if optimum is not None else lowest_final(optimizers)
    medians = [m for m, _ in optimizers.values() if m is not None and np.isfinite(m)]
    f_0 = float(np.median(medians))
    return f_l, f_0, [f_l + (f_0 - f_l) * 10 ** (-k / 2) for k in range(1, 13)]


def data_profile():
    solved = {o: np.zeros(len(POINTS)) for o in OPTIMIZERS}
    trials = 0
    for problem, (optimum, repetitions, optimizers) in PROBLEMS.items():
        f_l, f_0, ts = targets(optimum, optimizers)
        if f_0 <= f_l:
            print("data profile: excluded", problem, "f_L", f_l, "f_0", f_0)
            continue
        print("data profile:", problem, "f_L", repr(f_l), "f_0", repr(f_0), "targets", [repr(t) for t in ts])
        trials += repetitions * len(ts)
        for o in OPTIMIZERS:
            for steps in optimizers[o][1].values():
                for t in ts:
                    reach = first_reach(steps, t)
                    for k, x in enumerate(POINTS):
                        if reach is not None and reach <= x:
                            solved[o][k] += 1
    for o in OPTIMIZERS:
        print("  ", o, "trials", trials, "fractions", [repr(float(v)) for v in solved[o] / trials])


def time_to_target():
    for problem, (optimum, repetitions, optimizers) in PROBLEMS.items():
        f_l, f_0, ts = targets(optimum, optimizers)
        if f_0 <= f_l:
            continue
        for k in (2, 6, 10):
            t = ts[k - 1]
            for o in OPTIMIZERS:
                runs = list(optimizers[o][1].values())
                reaches = [first_reach(steps, t) for steps in runs]
                successes = sum(r is not None for r in reaches)
                total = sum(r if r is not None else float(steps[-1][0]) for r, steps in zip(reaches, runs))
                ert = total / successes if successes else None
                print("ERT:", problem, "k", k, "target", repr(t), o, "ERT", repr(ert), "successes", successes,
                      "runs", len(runs), "planned", repetitions)


def without(problems, problem, optimizer, repetitions):
    """A copy of `problems` in which `optimizer`'s runs of `repetitions` on `problem` failed."""
    copy = {p: (opt, reps, {o: (median, dict(runs)) for o, (median, runs) in optimizers.items()})
            for p, (opt, reps, optimizers) in problems.items()}
    for r in repetitions:
        del copy[problem][2][optimizer][1][r]
    return copy


if __name__ == "__main__":
    average_rank()
    print("-- average rank, tpe failed every run of sphere")
    average_rank({"sphere": without(PROBLEMS, "sphere", "tpe", [0, 1, 3])["sphere"]})
    print("-- average rank, svm planned 3 repetitions but cmaes carries a repetition 4 (its repetition 0)")
    extra = without(PROBLEMS, "svm", "cmaes", [])
    extra["svm"][2]["cmaes"][1][4] = PROBLEMS["svm"][2]["cmaes"][1][0]
    average_rank({"svm": extra["svm"]})
    normalized_score()
    print("-- normalized score, cmaes's worst sphere run (repetition 2, final 7) failed")
    normalized_score(without(PROBLEMS, "sphere", "cmaes", [2]))
    print("-- normalized score, tpe failed every run of svm")
    normalized_score(without(PROBLEMS, "svm", "tpe", [0, 1, 2]))
    finals = {p: {o: [optimizers[o][1][r][-1][1] for r in optimizers[o][1]] for o in OPTIMIZERS}
              for p, (_, _, optimizers) in PROBLEMS.items()}
    # One family per problem: the fixtures' nine comparisons (three families) and the three above (a fourth).
    pairwise({**finals, "pairs": PAIRS})
    minimum_attainable_p([(2, 2), (4, 3), (6, 6), (10, 10), (5, 20)])
    data_profile()
    time_to_target()

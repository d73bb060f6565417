#!/usr/bin/env python3
"""Reference values for the analyses' tests in Tests/TunebenchReportTests/ (fixtures in ReportFixtures.swift).

Usage: python3 report_statistics_reference.py

Recomputes, independently of the Swift code and from the same hand-written runs, the quantities of
Sources/TunebenchReport/Analysis/ (average rank, bayesmark's normalised score, pairwise Wilcoxon signed-rank tests
of the finals paired by repetition with Holm's correction, COCO data profile, expected running time) and prints them
with repr() so that the tests can compare to 1e-12. Written against NumPy 2.4.6, SciPy 1.17.1 and statsmodels
0.15.0.

Failed or missing runs: the average rank ranks a repetition's missing run last (metric inf at every point, sharing
the mean rank with other infs) and counts every repetition 0..max(repetitions, highest + 1) - 1; the normalised
score averages each optimizer over max(repetitions, complete runs) runs, the missing ones at loss 1. Pairwise tests
pair the runs by repetition (only repetitions complete on both sides) and are Holm-corrected within each problem.

A run is a list of steps (evaluation, cost, metric); its metric at x is the metric of the last step at or before x,
inf before the first step. Costs equal evaluation numbers here, so only the evaluation axis is exercised.
"""

import numpy as np
from scipy.stats import rankdata, wilcoxon
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

# Pairwise tests alone: eight repetitions, so that a win can survive Holm's correction over three tests (the smallest
# two-sided p of 8 pairs is 2/256; times 3 it is below 0.05). Multiples of 1/8, so that every difference is exact.
# a - b: one positive difference, of rank 3 (p = 10/256, a win that Holm turns into a tie); a - c: all negative;
# b - c: mixed signs.
PAIRS = {
    "a": [3, 4, 5, 6, 7, 8, 9, 10],
    "b": [0.5, 4.5, 6.5, 9, 10.5, 12, 13.5, 15],
    "c": [3.5, 4.25, 7, 8.25, 11.125, 11.125, 13.875, 14],
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
    """Wilcoxon signed-rank per pair on the finals of the repetitions complete on both sides, Holm-corrected within
    each problem (one family per problem). `problems`: {problem: {optimizer: {repetition: final}}}."""
    for problem, finals in problems.items():
        names = list(finals)
        rows = []
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                a, b = finals[names[i]], finals[names[j]]
                common = sorted(set(a) & set(b))
                if len(a) < 2 or len(common) < 2:
                    continue
                x = [a[r] for r in common]
                y = [b[r] for r in common]
                d = np.subtract(x, y)
                nonzero = d[d != 0]
                ranks = rankdata(np.abs(nonzero))
                w_plus, w_minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
                p = wilcoxon(x, y).pvalue if len(nonzero) else 1.0  # SciPy: 1 up to 13 pairs (NaN beyond)
                rows.append((names[i], names[j], len(common), w_plus, w_minus, p))
        adjusted = multipletests([r[5] for r in rows], method="holm")[1] if rows else []
        for (a, b, n, w_plus, w_minus, p), adj in zip(rows, adjusted):
            outcome = "tie" if adj >= alpha or w_plus == w_minus else ("win" if w_plus < w_minus else "loss")
            print("pairwise:", problem, a, b, "pairs", n, "W+", repr(float(w_plus)), "W-", repr(float(w_minus)),
                  "p", repr(float(p)), "adjusted", repr(float(adj)), outcome)


def minimum_attainable_p(sizes):
    """The two-sided p of n pairs all of one sign with distinct magnitudes (SciPy's default method)."""
    for n in sizes:
        print("minimum attainable p:", n, repr(float(wilcoxon(np.arange(1.0, n + 1)).pvalue)))


def holm_threshold(comparisons, pairs):
    """Holm's adjustment of a family of `comparisons` tests all at the smallest p of `pairs` pairs."""
    p = wilcoxon(np.arange(1.0, pairs + 1)).pvalue
    print("holm:", comparisons, "tests of", pairs, "pairs", repr(float(multipletests([p] * comparisons,
                                                                               method="holm")[1][0])))


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
    finals = {p: {o: {r: steps[-1][1] for r, steps in optimizers[o][1].items()} for o in OPTIMIZERS}
              for p, (_, _, optimizers) in PROBLEMS.items()}
    pairs = {o: dict(enumerate(v)) for o, v in PAIRS.items()}
    # One family per problem: the fixtures' nine comparisons (three families) and the three above (a fourth).
    pairwise({**finals, "pairs": pairs})
    print("-- pairs, b's repetitions 0 and 1 failed and c's repetition 7: b-c has 5 pairs")
    unpaired = {o: dict(v) for o, v in pairs.items()}
    del unpaired["b"][0], unpaired["b"][1], unpaired["c"][7]
    pairwise({"pairs": unpaired})
    minimum_attainable_p([2, 5, 6, 10, 12, 13, 14, 20, 50, 51, 60])
    holm_threshold(66, 10)
    holm_threshold(66, 12)
    holm_threshold(1386, 20)
    data_profile()
    time_to_target()

#!/usr/bin/env python3
"""Prints the reference values of OptunaParallelTests: Optuna's TPE asked in batches of 4 while trials are running.

Usage: python3 optuna_parallel_reference.py [--json]     (Optuna 5.0.0)

Optuna's TPESampler with seed 7 and its defaults (``constant_liar=True`` in Optuna 5) runs 24 trials by ask and tell
on f(x1, x2) = (x1 - 0.3)^2 + (x2 - 0.7)^2 over [0, 1]^2, as Tunebench schedules 4 simulated workers with one-second
evaluations: 4 asks (each later one sees the earlier trials RUNNING), then the 4 tells in trial order, and again. It
prints the suggested points, then those of a sequential run (one ask, one tell): from the sampler's first
model-based trial on, the two differ, so the points show that the running trials reached the sampler. With ``--json``
it prints one JSON object, ``{"optuna": version, "four workers": [[x1, x2], ...], "sequential": [...]}``, each number
as its ``repr`` in a string, which OptunaParallelTests reads (NumPy's vectorised ``exp`` and ``log`` may differ in
their last bit between processors, so the points are computed on the machine that runs the test).
"""
import json
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def objective(x1, x2):
    return (x1 - 0.3) * (x1 - 0.3) + (x2 - 0.7) * (x2 - 0.7)


def run(batch, trials=24, seed=7):
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed), direction="minimize")
    points = []
    while len(points) < trials:
        running = []
        for _ in range(min(batch, trials - len(points))):
            trial = study.ask()
            x1 = trial.suggest_float("x1", 0.0, 1.0)
            x2 = trial.suggest_float("x2", 0.0, 1.0)
            running.append((trial, x1, x2))
            points.append((x1, x2))
        for trial, x1, x2 in running:
            study.tell(trial, objective(x1, x2))
    return points


def main():
    if "--json" in sys.argv[1:]:
        runs = {label: [[repr(x1), repr(x2)] for x1, x2 in run(batch)]
                for label, batch in (("four workers", 4), ("sequential", 1))}
        print(json.dumps(dict(optuna=optuna.__version__, **runs)))
        return
    print("optuna", optuna.__version__)
    for label, batch in (("four workers", 4), ("sequential", 1)):
        print(label)
        for x1, x2 in run(batch):
            print("        [{!r}, {!r}],".format(x1, x2))


if __name__ == "__main__":
    main()

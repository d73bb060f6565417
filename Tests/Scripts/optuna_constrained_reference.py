#!/usr/bin/env python3
"""Prints the reference values of OptunaConstraintTests: Optuna's own constrained TPE and GP on Gramacy's problem.

Usage: python3 optuna_constrained_reference.py [tpe|gp] [--json]     (Optuna 5.0.0; gp also needs PyTorch)

Optuna's sampler with seed 7 runs 24 trials by ask and tell on Gramacy et al.'s problem (Technometrics 2016; x in
[0, 1]^2, f = x1 + x2, c1 = 1.5 - x1 - 2 x2 - 0.5 sin(2 pi (x1^2 - 2 x2)), c2 = x1^2 + x2^2 - 1.5, feasible when both
are <= 0), each trial told its constraint values with ``Trial.set_constraint`` as the Tunebench bridge tells them. It
prints the suggested points, then those of the same run without constraints: from the sampler's first model-based
trial on, the two differ, so the points show that the constraints reached the sampler. With ``--json`` it prints one
JSON object instead, ``{"optuna": version, "constrained": [[x1, x2], ...], "unconstrained": [...]}``, each number as its
``repr`` in a string, which OptunaConstraintTests reads (NumPy's vectorised ``exp`` and ``log`` may differ in their
last bit between processors, so the points are computed on the machine that runs the test).
"""
import json
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def gramacy(x1, x2):
    c1 = 1.5 - x1 - 2 * x2 - 0.5 * math.sin(2 * math.pi * (x1 ** 2 - 2 * x2))
    c2 = x1 ** 2 + x2 ** 2 - 1.5
    return x1 + x2, [c1, c2]


def run(kind, constrained, trials=24, seed=7):
    sampler = optuna.samplers.TPESampler(seed=seed) if kind == "tpe" else optuna.samplers.GPSampler(seed=seed)
    study = optuna.create_study(sampler=sampler, direction="minimize")
    points = []
    for _ in range(trials):
        trial = study.ask()
        x1 = trial.suggest_float("x1", 0.0, 1.0)
        x2 = trial.suggest_float("x2", 0.0, 1.0)
        f, c = gramacy(x1, x2)
        if constrained:
            for index, value in enumerate(c):
                trial.set_constraint("c{:03d}".format(index + 1), value)
        study.tell(trial, f)
        points.append((x1, x2))
    return points


def main():
    arguments = [a for a in sys.argv[1:] if a != "--json"]
    kind = arguments[0] if arguments else "tpe"
    if "--json" in sys.argv[1:]:
        runs = {label: [[repr(x1), repr(x2)] for x1, x2 in run(kind, constrained)]
                for label, constrained in (("constrained", True), ("unconstrained", False))}
        print(json.dumps(dict(optuna=optuna.__version__, **runs)))
        return
    print("optuna", optuna.__version__, kind)
    for label, constrained in (("constrained", True), ("unconstrained", False)):
        print(label)
        for x1, x2 in run(kind, constrained):
            print("    [{!r}, {!r}],".format(x1, x2))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the reference suggestions of OptunaMultiObjectiveTests: Optuna 5's multi-objective samplers driven directly.

Usage: python3 optuna_multiobjective_reference.py {nsga2,nsga3,tpe} TRIALS

A study with ``directions=["minimize", "minimize"]`` and ``NSGAIISampler(seed=7)``, ``NSGAIIISampler(seed=7)`` or
``TPESampler(seed=7)`` (MOTPE) asks TRIALS trials one at a time, each suggesting ``x1``, ``x2``, ``x3`` as floats in
[0, 1], and is told ZDT1's two values (Zitzler, Deb & Thiele 2000) computed in Tunebench's order of operations: f1 =
x1, g = 1 + 9 / 2 * (x2 + x3), f2 = g * (1 - sqrt(f1 / g)). Prints one JSON object: the suggestions, a list of [x1,
x2, x3] per trial, as repr() strings.
"""
import json
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
kind, trials = sys.argv[1], int(sys.argv[2])
samplers = {
    "nsga2": optuna.samplers.NSGAIISampler,
    "nsga3": optuna.samplers.NSGAIIISampler,
    "tpe": optuna.samplers.TPESampler,
}
sampler = samplers[kind](seed=7)
study = optuna.create_study(sampler=sampler, directions=["minimize", "minimize"])
suggestions = []
for _ in range(trials):
    trial = study.ask()
    x = [trial.suggest_float("x{}".format(i + 1), 0.0, 1.0) for i in range(3)]
    g = 1 + 9.0 / 2 * (0.0 + x[1] + x[2])
    f2 = g * (1 - math.sqrt(x[0] / g))
    study.tell(trial, [x[0], f2])
    suggestions.append([repr(v) for v in x])
print(json.dumps({"optuna": optuna.__version__, "suggestions": suggestions}))

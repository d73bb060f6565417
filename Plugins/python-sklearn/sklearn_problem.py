"""A random forest on scikit-learn's digits as a kurobako problem, in the style of bayesmark.

Usage: ``python3 sklearn_problem.py``

Built only on the ``kurobako`` package (its ``ProblemRunner`` speaks the protocol, unchanged) and
scikit-learn. The objective is the 3-fold stratified cross-validation error (1 - mean accuracy) of
a ``RandomForestClassifier`` on ``sklearn.datasets.load_digits``, deterministic for a given
problem seed. See README.md for the space and the choices made.
"""

import math
import os
import sys
from typing import List, Optional


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import quiet, reserve_stdout_for_protocol, versions, warn_once_per_place  # noqa: E402

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    from kurobako.problem import (
        ContinuousRange,
        DiscreteRange,
        Distribution,
        Evaluator,
        Problem,
        ProblemFactory,
        ProblemRunner,
        ProblemSpec,
        Var,
    )

N_SPLITS = 3

# The search space. DISCRETE ranges are half-open: {low: 10, high: 101} holds 10 ... 100.
PARAMS = [
    Var("n_estimators", DiscreteRange(10, 101), Distribution.LOG_UNIFORM),
    Var("max_depth", DiscreteRange(1, 21), Distribution.UNIFORM),
    Var("min_samples_split", DiscreteRange(2, 21), Distribution.UNIFORM),
    Var("max_features", ContinuousRange(0.05, 1.0), Distribution.UNIFORM),
]

PACKAGES = ["scikit-learn", "numpy", "scipy", "kurobako"]


def _integer(value: Optional[float], var: Var) -> Optional[int]:
    """An integral value inside ``var``'s half-open range, or ``None``."""
    if value is None or not math.isfinite(value) or abs(value - round(value)) > 1e-9:
        return None
    value = int(round(value))
    return value if var.range.low <= value < var.range.high else None


class ForestEvaluator(Evaluator):
    """One configuration; a single step computes its cross-validation error."""

    def __init__(self, problem: "ForestProblem", forest: "RandomForestClassifier"):
        self._problem = problem
        self._forest = forest
        self._step = 0

    def evaluate(self, next_step: int) -> List[float]:
        problem = self._problem
        folds = StratifiedKFold(n_splits=N_SPLITS, shuffle=True, random_state=problem.fold_seed)
        with quiet():
            accuracy = cross_val_score(self._forest, problem.X, problem.y, cv=folds, scoring="accuracy", n_jobs=1)
        self._step = 1
        return [float(1.0 - np.mean(accuracy))]

    def current_step(self) -> int:
        return self._step


class ForestProblem(Problem):
    """One problem instance: the data and the two seeds derived from the problem seed.

    ``numpy.random.SeedSequence(seed).generate_state(2)`` gives two 32-bit seeds, one for the
    shuffled stratified folds and one for the forest, so that a seed fixes every random choice.
    """

    def __init__(self, seed: int):
        self.fold_seed, self.forest_seed = (int(s) for s in np.random.SeedSequence(seed).generate_state(2))
        with quiet():
            self.X, self.y = load_digits(return_X_y=True)

    def create_evaluator(self, params: List[Optional[float]]) -> Optional[Evaluator]:
        """An evaluator, or ``None`` (kurobako answers ``UNEVALABLE_PARAMS``) for values outside the space."""
        if len(params) != len(PARAMS):
            return None
        n_estimators, max_depth, min_samples_split = (_integer(v, var) for v, var in zip(params[:3], PARAMS[:3]))
        max_features = params[3]
        if n_estimators is None or max_depth is None or min_samples_split is None:
            return None
        # kurobako's ranges are half-open, but solvers commonly return the upper bound; 1.0 is valid here.
        if max_features is None or not (PARAMS[3].range.low <= max_features <= PARAMS[3].range.high):
            return None
        forest = RandomForestClassifier(
            n_estimators=n_estimators,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            max_features=float(max_features),
            random_state=self.forest_seed,
            n_jobs=1,
        )
        return ForestEvaluator(self, forest)


class ForestProblemFactory(ProblemFactory):
    def specification(self) -> ProblemSpec:
        return ProblemSpec(
            name="sklearn-rf-digits",
            params=PARAMS,
            values=[Var("cv_error", ContinuousRange(0.0, 1.0))],
            attrs={
                "version": versions(PACKAGES),
                "model": "sklearn.ensemble.RandomForestClassifier(n_jobs=1), other arguments at their defaults",
                "dataset": "sklearn.datasets.load_digits (1797 samples, 64 features, 10 classes)",
                "objective": "1 - mean accuracy over 3 shuffled stratified folds (StratifiedKFold)",
                "seeding": "SeedSequence(problem seed).generate_state(2): the folds' and the forest's random_state",
                "reference": "bayesmark's RF classifier problem (github.com/uber/bayesmark), integer min_samples_split",
            },
            steps=1,
        )

    def create_problem(self, seed: int) -> Problem:
        return ForestProblem(seed)


def main(argv: List[str]) -> int:
    if len(argv) != 1:
        print("usage: sklearn_problem.py", file=sys.stderr)
        return 2
    ProblemRunner(ForestProblemFactory()).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

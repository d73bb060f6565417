"""One of bayesmark's scikit-learn tuning problems as a kurobako problem.

Usage: ``python3 bayesmark_problem.py MODEL DATASET METRIC`` (``RF digits nll``); ``--list`` prints the names
of all 108 with their arguments, ``--manifest`` the ``plugin.json`` that declares them and the suite ``bayesmark``.

Built only on the ``kurobako`` package (its ``ProblemRunner`` speaks the protocol, unchanged), NumPy and
scikit-learn; the objective is ``bayesmark_suite.Problem.evaluate`` (see that module and README.md).
"""

import math
import os
import sys
from typing import List, Optional


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import quiet, reserve_stdout_for_protocol, versions, warn_once_per_place  # noqa: E402

METRIC_WORDS = {"nll": "log-loss", "acc": "minus the accuracy", "mae": "mean absolute error", "mse": "mean squared error"}


def manifest() -> dict:
    """plugin.json: an entry per problem and the suite of all 108 (``tunebench list bayesmark``)."""
    import bayesmark_suite as suite

    plugins = []
    for model, dataset, metric in suite.problems():
        kind = "classifier" if suite.DATASETS[dataset] == "clf" else "regressor"
        plugins.append({
            "name": suite.problem_name(model, dataset, metric),
            "kind": "problem",
            "summary": "bayesmark's {} {} on {}: 5-fold CV {} ({} parameters)".format(
                model, kind, dataset, METRIC_WORDS[metric], len(suite.space(model, dataset))),
            "command": ["python3", "bayesmark_problem.py", model, dataset, metric],
            "timeout": 300,
            "check": ["python3", "-c", "import sklearn, kurobako"],
            "install": "pip install -r Plugins/python-bayesmark/requirements.txt",
        })
    suites = [{
        "name": "bayesmark",
        "summary": "bayesmark 0.0.8's scikit-learn suite: 9 models x 6 data sets x 2 metrics, CV loss",
        "problems": [p["name"] for p in plugins],
    }]
    return {"plugins": plugins, "suites": suites}


if __name__ == "__main__" and sys.argv[1:] in (["--list"], ["--manifest"]):
    import json

    import bayesmark_suite as suite  # noqa: E402

    if sys.argv[1] == "--list":
        for model, dataset, metric in suite.problems():
            print(suite.problem_name(model, dataset, metric), model, dataset, metric)
    else:
        print(json.dumps(manifest(), indent=2))
    sys.exit(0)

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    import numpy as np

    import bayesmark_suite as suite
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

PACKAGES = ["scikit-learn", "numpy", "scipy", "kurobako"]


def protocol_name(parameter: "suite.Parameter") -> str:
    """A logit-warped parameter is searched as its logit, and named so: ``min_samples_split_logit``."""
    return parameter.name + "_logit" if parameter.warp == "logit" else parameter.name


def to_var(parameter: "suite.Parameter") -> "Var":
    """The kurobako variable: DISCRETE ranges are half-open (``{low: 1, high: 26}`` holds 1 ... 25); a bool is the
    integers 0 and 1; a logit real is a real on ``[logit(low), logit(high)]``."""
    log = Distribution.LOG_UNIFORM if parameter.warp == "log" else Distribution.UNIFORM
    if parameter.kind == "bool":
        return Var(protocol_name(parameter), DiscreteRange(0, 2), Distribution.UNIFORM)
    if parameter.kind == "int":
        return Var(protocol_name(parameter), DiscreteRange(int(parameter.low), int(parameter.high) + 1), log)
    low, high = parameter.low, parameter.high
    if parameter.warp == "logit":
        low, high = math.log(low / (1 - low)), math.log(high / (1 - high))
    return Var(protocol_name(parameter), ContinuousRange(low, high), log)


def inside(value: Optional[float], var: "Var") -> bool:
    """Whether ``value`` lies in ``var``'s range: an integer of a DISCRETE range, a finite real of a CONTINUOUS one
    (its upper end included: solvers commonly return it)."""
    if value is None or not math.isfinite(value):
        return False
    if isinstance(var.range, DiscreteRange):
        return abs(value - round(value)) <= 1e-9 and var.range.low <= round(value) < var.range.high
    return var.range.low <= value <= var.range.high


class BayesmarkEvaluator(Evaluator):
    """One configuration; a single step computes its cross-validation loss."""

    def __init__(self, problem: "BayesmarkProblem", values: List[float], seed: int):
        self._problem = problem
        self._values = values
        self._seed = seed
        self._step = 0

    def evaluate(self, next_step: int) -> List[float]:
        problem = self._problem.problem
        self._step = 1
        # An evaluation that raises (a model whose weights diverged) or whose loss is not finite is a failed
        # evaluation, as bayesmark records either as inf for that evaluation alone (experiment.run_study).
        try:
            with quiet():
                loss = problem.evaluate(problem.arguments(self._values), seed=self._seed)
        except Exception as error:  # noqa: BLE001 - any failure of the model is a failed evaluation
            print("evaluation failed: {}: {}".format(type(error).__name__, error), file=sys.stderr)
            return []
        return [loss] if math.isfinite(loss) else []

    def current_step(self) -> int:
        return self._step


class BayesmarkProblem(Problem):
    """One problem instance. NumPy's global generator is seeded before the k-th evaluation with
    ``SeedSequence([seed, k]).generate_state(1)[0]``: bayesmark seeds it once per study, and the models draw from it
    (none gets a ``random_state``), so a seed and the sequence of configurations fix every value."""

    def __init__(self, problem: "suite.Problem", variables: List["Var"], seed: int):
        self.problem = problem
        self._variables = variables
        self._seed = seed
        self._evaluations = 0

    def create_evaluator(self, params: List[Optional[float]]) -> Optional[Evaluator]:
        """An evaluator, or ``None`` (kurobako answers ``UNEVALABLE_PARAMS``) for values outside the space."""
        if len(params) != len(self._variables) or not all(inside(v, var) for v, var in zip(params, self._variables)):
            return None
        seed = int(np.random.SeedSequence([self._seed, self._evaluations]).generate_state(1)[0])
        self._evaluations += 1
        return BayesmarkEvaluator(self, [float(v) for v in params], seed)


class BayesmarkProblemFactory(ProblemFactory):
    def __init__(self, model: str, dataset: str, metric: str):
        with quiet():
            self._problem = suite.Problem(model, dataset, metric)
        self._variables = [to_var(p) for p in self._problem.parameters]

    def specification(self) -> ProblemSpec:
        p = self._problem
        kind = "classifier" if p.kind == "clf" else "regressor"
        return ProblemSpec(
            name=suite.problem_name(p.model, p.dataset, p.metric),
            params=self._variables,
            values=[Var("cv_loss", ContinuousRange(-math.inf, math.inf))],
            attrs={
                "version": versions(PACKAGES),
                "bayesmark": "{}_{}_{} of bayesmark 0.0.8 (sklearn_funcs.SklearnModel), CV loss only".format(
                    p.model, p.dataset, p.metric),
                "model": "{} {} with bayesmark's fixed arguments".format(p.model, kind),
                "dataset": "{}: {} training rows of bayesmark's split (train_test_split(test_size=0.2, "
                "random_state=0))".format(p.dataset, len(p.y)),
                "objective": "minus the mean of cross_val_score(model, X, y, scoring={}, cv=5)".format(
                    suite.SCORERS[p.metric]),
                "seeding": "NumPy's global generator before evaluation k: SeedSequence([problem seed, k])",
                "adaptations": "normalize={} multi_class={} SAMME.R={} (False: replaced, see README.md)".format(
                    suite.Adaptations.normalize, suite.Adaptations.multi_class, suite.Adaptations.samme_r),
                "reference": "Uber's bayesmark 0.0.8, github.com/uber/bayesmark",
            },
            steps=1,
        )

    def create_problem(self, seed: int) -> Problem:
        return BayesmarkProblem(self._problem, self._variables, seed)


def main(argv: List[str]) -> int:
    if len(argv) != 4:
        print("usage: bayesmark_problem.py MODEL DATASET METRIC (or --list)", file=sys.stderr)
        return 2
    try:
        factory = BayesmarkProblemFactory(*argv[1:])
    except ValueError as error:
        print("bayesmark_problem.py: {}".format(error), file=sys.stderr)
        return 2
    ProblemRunner(factory).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

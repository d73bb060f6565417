"""hyperopt's TPE (``hyperopt.tpe.suggest``) as a kurobako solver.

Usage: ``python3 hyperopt_solver.py``

Built only on the ``kurobako`` package (its ``SolverRunner`` speaks the protocol, unchanged) and
hyperopt. ``fmin`` has no ask-and-tell interface, so this bridge drives a ``Trials`` and a
``Domain`` by hand exactly as ``fmin``'s loop does (``FMinIter.run`` and ``serial_evaluate``), with
``rstate=numpy.random.default_rng(random_seed)``: a seed gives the points ``fmin`` would evaluate.
See README.md for the mapping of the search space and the choices made.
"""

import logging
import math
import os
import sys
from typing import Any, Dict, List, Optional


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import quiet, reserve_stdout_for_protocol, versions, warn_once_per_place  # noqa: E402

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    import numpy as np
    from hyperopt import STATUS_FAIL, STATUS_OK, Domain, Trials, hp, tpe
    from hyperopt.base import JOB_STATE_DONE
    from hyperopt.utils import coarse_utcnow

    from kurobako.problem import (
        CategoricalRange,
        ContinuousRange,
        DiscreteRange,
        Distribution,
        ProblemSpec,
        Var,
    )
    from kurobako.solver import (
        Capability,
        EvaluatedTrial,
        NextTrial,
        Solver,
        SolverFactory,
        SolverRunner,
        SolverSpec,
        TrialIdGenerator,
    )

# tpe.suggest logs two INFO lines per call ("TPE using 12/12 trials ..."); keep warnings only.
logging.getLogger("hyperopt").setLevel(logging.WARNING)

PACKAGES = ["hyperopt", "numpy", "scipy", "kurobako"]


def to_expression(var: Var) -> Any:
    """The hyperopt expression of a kurobako variable, or ``None`` for a single-valued one.

    - ``CONTINUOUS [low, high)``: ``hp.uniform(name, low, high)``, or
      ``hp.loguniform(name, log(low), log(high))`` for ``LOG_UNIFORM``.
    - ``DISCRETE [low, high)`` (half-open): the integers ``low ... high - 1`` as
      ``hp.quniform(name, low, high - 1, 1)``, or ``hp.qloguniform(name, log(low), log(high - 1), 1)``,
      the encoding of bayesmark's hyperopt wrapper (the two end values get half the prior mass).
      A range holding one integer has no expression (hyperopt refuses ``low == high``).
    - ``CATEGORICAL``: ``hp.choice(name, [0, 1, ...])``; hyperopt records the chosen index.

    - Raises: ``ValueError`` for a constraint, an infinite bound or an empty range.
    """
    if var.constraint is not None:
        raise ValueError("parameter '{}' is conditional; this solver has no CONDITIONAL".format(var.name))
    log = var.distribution == Distribution.LOG_UNIFORM
    if isinstance(var.range, ContinuousRange):
        low, high = float(var.range.low), float(var.range.high)
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ValueError("parameter '{}' has an infinite bound".format(var.name))
        if log:
            return hp.loguniform(var.name, math.log(low), math.log(high))
        return hp.uniform(var.name, low, high)
    if isinstance(var.range, DiscreteRange):
        low, last = int(var.range.low), int(var.range.high) - 1
        if last < low:
            raise ValueError("parameter '{}' has an empty DISCRETE range".format(var.name))
        if last == low:
            return None
        if log:
            return hp.qloguniform(var.name, math.log(low), math.log(last), 1)
        return hp.quniform(var.name, low, last, 1)
    if isinstance(var.range, CategoricalRange):
        return hp.choice(var.name, list(range(len(var.range.choices))))
    raise ValueError("parameter '{}' has an unknown range {}".format(var.name, var.range))


def _protocol_value(var: Var, value: float) -> float:
    """A sampled value as a protocol value, clipped to the range.

    ``exp(log(x))`` may land one ulp outside ``[low, high]``, and Tunebench refuses such a value.
    """
    if isinstance(var.range, CategoricalRange):
        return int(value)
    if isinstance(var.range, DiscreteRange):
        return int(min(max(round(value), var.range.low), var.range.high - 1))
    return float(min(max(value, var.range.low), var.range.high))


def _dummy_objective(_: Any) -> float:
    raise AssertionError("the harness evaluates; hyperopt's Domain never calls this")


class HyperoptSolver(Solver):
    """One run: a ``Trials`` and a ``Domain``, advanced as ``fmin`` advances them.

    Ask: ``new_trial_ids(1)``, ``tpe.suggest(ids, domain, trials, rstate.integers(2**31 - 1))``,
    ``insert_trial_docs``. Tell: the trial's ``result`` becomes ``{"loss", "status": "ok"}`` or,
    for a failed evaluation (empty ``values`` or NaN), ``{"status": "fail"}`` (TPE counts its loss
    as infinite), and its state ``JOB_STATE_DONE``.
    """

    def __init__(self, seed: int, problem: ProblemSpec):
        if len(problem.values) != 1:
            raise ValueError("this solver handles one objective; the problem has {}".format(len(problem.values)))
        self._problem = problem
        expressions = [to_expression(var) for var in problem.params]
        space = {var.name: e for var, e in zip(problem.params, expressions) if e is not None}
        with quiet():
            self._domain = Domain(_dummy_objective, space)
        self._trials = Trials()
        self._rstate = np.random.default_rng(seed)
        self._pending: Dict[int, int] = {}  # kurobako trial id -> hyperopt tid

    def ask(self, idg: TrialIdGenerator) -> NextTrial:
        with quiet():
            new_ids = self._trials.new_trial_ids(1)
            self._trials.refresh()
            docs = tpe.suggest(new_ids, self._domain, self._trials, self._rstate.integers(2**31 - 1))
            self._trials.insert_trial_docs(docs)
            self._trials.refresh()
        vals = docs[0]["misc"]["vals"]
        params: List[Optional[float]] = []
        for var in self._problem.params:
            if var.name in vals:
                params.append(_protocol_value(var, vals[var.name][0]))
            else:  # a single-valued DISCRETE range
                params.append(int(var.range.low))
        trial_id = idg.generate()
        self._pending[trial_id] = new_ids[0]
        return NextTrial(trial_id=trial_id, params=params, next_step=self._problem.last_step)

    def tell(self, trial: EvaluatedTrial) -> None:
        tid = self._pending.pop(trial.trial_id)
        doc = next(d for d in reversed(self._trials.trials) if d["tid"] == tid)
        value = float(trial.values[0]) if len(trial.values) > 0 else math.nan
        if math.isnan(value):
            doc["result"] = {"status": STATUS_FAIL}
        else:
            doc["result"] = {"loss": value, "status": STATUS_OK}
        now = coarse_utcnow()
        doc["book_time"] = now
        doc["refresh_time"] = now
        doc["state"] = JOB_STATE_DONE
        with quiet():
            self._trials.refresh()


class HyperoptSolverFactory(SolverFactory):
    """Makes one seeded TPE run per ``CREATE_SOLVER_CAST``."""

    def specification(self) -> SolverSpec:
        return SolverSpec(
            name="hyperopt-tpe (tpe.suggest)",
            capabilities={
                Capability.UNIFORM_CONTINUOUS,
                Capability.LOG_UNIFORM_CONTINUOUS,
                Capability.UNIFORM_DISCRETE,
                Capability.LOG_UNIFORM_DISCRETE,
                Capability.CATEGORICAL,
            },
            attrs={
                "version": versions(PACKAGES),
                "algorithm": (
                    "hyperopt.tpe.suggest with its defaults, as fmin(rstate=default_rng(random_seed)) calls it"
                ),
                "settings": "n_startup_jobs=20, n_EI_candidates=24, gamma=0.25, prior_weight=1.0",
                "integers": "hp.quniform(low, high - 1, 1) / hp.qloguniform(log low, log(high - 1), 1)",
                "failures": 'result {"status": "fail"} (TPE counts the loss as infinite)',
                "paper": "Bergstra et al. 2011, Algorithms for Hyper-Parameter Optimization (NeurIPS)",
                "github": "https://github.com/hyperopt/hyperopt",
            },
        )

    def create_solver(self, seed: int, problem: ProblemSpec) -> Solver:
        return HyperoptSolver(seed, problem)


def main(argv: List[str]) -> int:
    if len(argv) != 1:
        print("usage: hyperopt_solver.py", file=sys.stderr)
        return 2
    SolverRunner(HyperoptSolverFactory()).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

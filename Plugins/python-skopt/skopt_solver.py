"""scikit-optimize's ``gp_minimize`` and ``forest_minimize`` as a kurobako solver.

Usage: ``python3 skopt_solver.py {gp,rf}``

Built only on the ``kurobako`` package (its ``SolverRunner`` speaks the protocol, unchanged) and
scikit-optimize's ask-and-tell ``skopt.Optimizer``, configured exactly as ``gp_minimize`` and
``forest_minimize`` configure it with their default arguments, so that a seed gives the points
those functions would evaluate. See README.md for the mapping of the search space and the choices.
"""

import math
import os
import sys
from typing import Any, Callable, Dict, List, Optional


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import quiet, reserve_stdout_for_protocol, versions, warn_once_per_place  # noqa: E402

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    import numpy as np
    from skopt import Optimizer
    from skopt.space import Categorical, Dimension, Integer, Real
    from skopt.utils import cook_estimator, normalize_dimensions

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

# The defaults of gp_minimize / forest_minimize / base_minimize in scikit-optimize 0.10.2.
N_INITIAL_POINTS = 10
INITIAL_POINT_GENERATOR = "random"
N_POINTS = 10000
N_RESTARTS_OPTIMIZER = 5
XI = 0.01
KAPPA = 1.96
N_JOBS = 1


def make_gp_optimizer(dimensions: List[Dimension], seed: int) -> Optimizer:
    """The ``Optimizer`` that ``gp_minimize(func, dimensions, random_state=seed)`` builds.

    ``gp_minimize`` draws the GP's own seed from ``RandomState(seed)`` first and hands the same
    generator on to the optimizer; ``acq_optimizer="auto"`` resolves to ``"lbfgs"`` (to
    ``"sampling"`` only when every dimension is categorical, where the GP has a Hamming kernel).
    """
    rng = np.random.RandomState(seed)
    space = normalize_dimensions(dimensions)
    estimator = cook_estimator(
        "GP", space=space, random_state=rng.randint(0, np.iinfo(np.int32).max), noise="gaussian"
    )
    return Optimizer(
        space,
        estimator,
        n_initial_points=N_INITIAL_POINTS,
        initial_point_generator=INITIAL_POINT_GENERATOR,
        n_jobs=N_JOBS,
        acq_func="gp_hedge",
        acq_optimizer="auto",
        random_state=rng,
        acq_optimizer_kwargs={
            "n_points": N_POINTS,
            "n_restarts_optimizer": N_RESTARTS_OPTIMIZER,
            "n_jobs": N_JOBS,
        },
        acq_func_kwargs={"xi": XI, "kappa": KAPPA},
    )


def make_forest_optimizer(dimensions: List[Dimension], seed: int) -> Optimizer:
    """The ``Optimizer`` that ``forest_minimize(func, dimensions, random_state=seed)`` builds.

    ``base_estimator="ET"`` (extra trees, 100 trees, ``min_samples_leaf=3``), ``acq_func="EI"``,
    ``acq_optimizer="sampling"`` over 10000 random points.
    """
    return Optimizer(
        dimensions,
        "ET",
        n_initial_points=N_INITIAL_POINTS,
        initial_point_generator=INITIAL_POINT_GENERATOR,
        n_jobs=N_JOBS,
        acq_func="EI",
        acq_optimizer="sampling",
        random_state=seed,
        acq_optimizer_kwargs={
            "n_points": N_POINTS,
            "n_restarts_optimizer": N_RESTARTS_OPTIMIZER,
            "n_jobs": N_JOBS,
        },
        acq_func_kwargs={"xi": XI, "kappa": KAPPA},
    )


class _Variant:
    """One command-line choice: the optimizer it builds and what to record about it."""

    def __init__(self, make: Callable[[List[Dimension], int], Optimizer], function: str, settings: str, paper: str):
        self.make = make
        self.function = function
        self.settings = settings
        self.paper = paper


VARIANTS: Dict[str, _Variant] = {
    "gp": _Variant(
        make=make_gp_optimizer,
        function="gp_minimize",
        settings=(
            'base_estimator=cook_estimator("GP", noise="gaussian") (Matern 5/2 ARD), '
            'acq_func="gp_hedge" (EI, LCB, PI), acq_optimizer="auto" (lbfgs), n_points=10000, '
            'n_restarts_optimizer=5, xi=0.01, kappa=1.96, n_initial_points=10, '
            'initial_point_generator="random"'
        ),
        paper="Hoffman, Brochu and de Freitas 2011, Portfolio Allocation for Bayesian Optimization (UAI)",
    ),
    "rf": _Variant(
        make=make_forest_optimizer,
        function="forest_minimize",
        settings=(
            'base_estimator="ET" (ExtraTreesRegressor, 100 trees, min_samples_leaf=3), '
            'acq_func="EI", acq_optimizer="sampling", n_points=10000, xi=0.01, '
            'n_initial_points=10, initial_point_generator="random"'
        ),
        paper=(
            "Hutter, Hoos and Leyton-Brown 2011, Sequential Model-Based Optimization for General "
            "Algorithm Configuration (LION 5)"
        ),
    ),
}

PACKAGES = ["scikit-optimize", "scikit-learn", "numpy", "scipy", "kurobako"]


def to_dimension(var: Var) -> Optional[Dimension]:
    """The scikit-optimize dimension of a kurobako variable, or ``None`` for a single-valued one.

    ``CONTINUOUS [low, high)`` becomes ``Real(low, high)``; ``DISCRETE`` is half-open in kurobako,
    so ``[low, high)`` becomes ``Integer(low, high - 1)``; ``LOG_UNIFORM`` becomes the
    ``"log-uniform"`` prior; ``CATEGORICAL`` keeps its choices (the reply is the chosen index).
    A ``DISCRETE`` range holding one integer has no dimension (``Integer`` refuses ``low == high``);
    the solver answers that integer.

    - Raises: ``ValueError`` for a constraint, an infinite bound or an empty range.
    """
    if var.constraint is not None:
        raise ValueError("parameter '{}' is conditional; this solver has no CONDITIONAL".format(var.name))
    prior = "log-uniform" if var.distribution == Distribution.LOG_UNIFORM else "uniform"
    if isinstance(var.range, ContinuousRange):
        low, high = float(var.range.low), float(var.range.high)
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ValueError("parameter '{}' has an infinite bound".format(var.name))
        return Real(low, high, prior=prior, name=var.name)
    if isinstance(var.range, DiscreteRange):
        if var.range.high <= var.range.low:
            raise ValueError("parameter '{}' has an empty DISCRETE range".format(var.name))
        if var.range.high == var.range.low + 1:
            return None
        return Integer(int(var.range.low), int(var.range.high) - 1, prior=prior, name=var.name)
    if isinstance(var.range, CategoricalRange):
        return Categorical(list(var.range.choices), name=var.name)
    raise ValueError("parameter '{}' has an unknown range {}".format(var.name, var.range))


def _protocol_value(var: Var, value: Any) -> float:
    """A point's coordinate as a protocol value: a float, an integer, or a choice's index."""
    if isinstance(var.range, CategoricalRange):
        return var.range.choices.index(str(value))
    if isinstance(var.range, DiscreteRange):
        return int(value)
    return float(value)


class SkoptSolver(Solver):
    """One run: an ``skopt.Optimizer`` driven by ask and tell.

    A failed evaluation (empty ``values``, or a value that is not finite) is told as the worst
    value seen so far, since scikit-optimize's models cannot take NaN or infinity; a failure before
    any success is not told at all (the next point is then another random initial point).
    """

    def __init__(self, optimizer: Optimizer, problem: ProblemSpec, free: List[int]):
        """- Parameters: ``free``: the indices of the parameters that are the optimizer's dimensions."""
        self._optimizer = optimizer
        self._problem = problem
        self._free = free
        self._pending: Dict[int, List[Any]] = {}
        self._worst: Optional[float] = None

    def ask(self, idg: TrialIdGenerator) -> NextTrial:
        with quiet():
            point = self._optimizer.ask()
        # A parameter without a dimension is a DISCRETE range of one integer, its low end.
        params: List[Optional[float]] = [
            None if index in self._free else int(var.range.low) for index, var in enumerate(self._problem.params)
        ]
        for index, value in zip(self._free, point):
            params[index] = _protocol_value(self._problem.params[index], value)
        trial_id = idg.generate()
        self._pending[trial_id] = point
        return NextTrial(trial_id=trial_id, params=params, next_step=self._problem.last_step)

    def tell(self, trial: EvaluatedTrial) -> None:
        point = self._pending.pop(trial.trial_id)
        value = float(trial.values[0]) if len(trial.values) > 0 else math.nan
        if math.isfinite(value):
            self._worst = value if self._worst is None else max(self._worst, value)
        elif self._worst is None:
            return
        else:
            value = self._worst
        with quiet():
            self._optimizer.tell(point, value)


class SkoptSolverFactory(SolverFactory):
    """Makes one seeded ``skopt.Optimizer`` per ``CREATE_SOLVER_CAST``."""

    def __init__(self, key: str):
        self._key = key
        self._variant = VARIANTS[key]

    def specification(self) -> SolverSpec:
        variant = self._variant
        return SolverSpec(
            name="skopt-{} ({})".format(self._key, variant.function),
            capabilities={
                Capability.UNIFORM_CONTINUOUS,
                Capability.LOG_UNIFORM_CONTINUOUS,
                Capability.UNIFORM_DISCRETE,
                Capability.LOG_UNIFORM_DISCRETE,
                Capability.CATEGORICAL,
            },
            attrs={
                "version": versions(PACKAGES),
                "optimizer": "skopt.Optimizer as {}(random_state=random_seed) builds it".format(variant.function),
                "settings": variant.settings,
                "failures": "told as the worst value seen so far; skipped before the first success",
                "paper": variant.paper,
                "github": "https://github.com/scikit-optimize/scikit-optimize",
            },
        )

    def create_solver(self, seed: int, problem: ProblemSpec) -> Solver:
        if len(problem.values) != 1:
            raise ValueError("this solver handles one objective; the problem has {}".format(len(problem.values)))
        dimensions = [to_dimension(var) for var in problem.params]
        free = [index for index, dimension in enumerate(dimensions) if dimension is not None]
        if not free:
            raise ValueError("the problem has no parameter with more than one value")
        with quiet():
            optimizer = self._variant.make([dimensions[index] for index in free], seed)
        return SkoptSolver(optimizer, problem, free)


def main(argv: List[str]) -> int:
    if len(argv) != 2 or argv[1] not in VARIANTS:
        print("usage: skopt_solver.py {}".format("|".join(VARIANTS)), file=sys.stderr)
        return 2
    SolverRunner(SkoptSolverFactory(argv[1])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

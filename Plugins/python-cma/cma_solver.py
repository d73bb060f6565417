"""pycma's ``cma.fmin2`` with IPOP or BIPOP restarts as a kurobako solver.

Usage: ``python3 cma_solver.py {ipop,bipop,ipop-centre}``

Built only on the ``kurobako`` package (its ``SolverRunner`` speaks the protocol, unchanged) and pycma.
pycma's restart strategies live in ``fmin2``, which calls the objective itself, so the bridge runs
``fmin2`` on a thread of its own whose objective blocks until the harness tells the value
(``tunebench_inverted.InvertedMinimizer``): the restarts are pycma's own code, untouched. The search
runs in the unit cube ``[0, 1]^d`` with pycma's ``bounds`` option; see README.md for the mapping of the
search space, the start and the choices made.
"""

import contextlib
import math
import os
import sys
import weakref
from typing import Any, Callable, Iterator, List, Optional


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import quiet, reserve_stdout_for_protocol, versions, warn_once_per_place  # noqa: E402
from tunebench_inverted import InvertedMinimizer  # noqa: E402

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    import cma
    import numpy as np

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

PACKAGES = ["cma", "numpy", "kurobako"]

# fmin2's restarts: at most 9 restarts per call, the setting of COCO's example experiment
# (example_experiment2.py: cma.fmin2(problem, propose_x0, 2, {...}, restarts=9)) and the largest
# that pycma's documentation recommends for BIPOP; the population doubles at each (incpopsize=2).
RESTARTS = 9
# The start, as in Hansen's BBOB-2009 experiments with IPOP and BIPOP-CMA-ES on [-5, 5]^d: x0 uniform
# in [-4, 4]^d and sigma0 = 2, i.e. the middle 80% of each coordinate and a fifth of its range.
X0_LOW, X0_HIGH = 0.1, 0.9
SIGMA0 = 0.2

# The starts a run can use (the ``start`` of ``make_minimize``):
# - "uniform": every (re)start uniform in [X0_LOW, X0_HIGH]^d, as above;
# - "centre": the start that cocoex 2.8.2 proposes and COCO's example experiment passes to fmin2
#   (``Problem.initial_solution_proposal``, cocoex/__init__.py): the middle of the domain first, then each
#   coordinate the mean of two independent uniforms on the domain, the triangular density
#   0.2 (1 - |x| / 5) on [-5, 5] of the bbob suite, here on [0, 1].
STARTS = ("uniform", "centre")


def _options(seed: int) -> dict:
    """pycma's options: its defaults but for the box, the seed and silence.

    - ``bounds=[0, 1]``: the unit cube, with pycma's default boundary handler for bounded problems,
      ``BoundTransform`` (every evaluated point lies in the box);
    - ``seed``: numpy's global generator is seeded with it by each ``CMAEvolutionStrategy``;
    - ``verbose=-9``: no display and no data files (it sets ``verb_disp``, ``verb_log`` and
      ``verb_plot`` to 0), as COCO's example experiment runs pycma.
    """
    return {"bounds": [0, 1], "seed": seed, "verbose": -9}


class Coordinate:
    """How one parameter is read from a coordinate ``u`` in ``[0, 1]``: Tunebench's unit-cube map.

    - ``CONTINUOUS [low, high)``: ``low + u (high - low)``, or ``exp(log low + u (log high - log low))``
      for ``LOG_UNIFORM``; clipped to ``[low, high]``.
    - ``DISCRETE [low, high)`` (the integers ``low ... high - 1``): the same map on the widened interval
      ``[low - 1/2, high - 1/2]``, rounded half away from zero and clipped, so that every integer gets
      an equal share of the coordinate (of its logarithm for ``LOG_UNIFORM``). This is
      ``SearchSpace.decode`` of Tunebench's own optimizers (``cmaes`` among them).
    """

    def __init__(self, var: Var):
        self.integer = isinstance(var.range, DiscreteRange)
        self.log = var.distribution == Distribution.LOG_UNIFORM
        if self.integer:
            self.low, self.high = int(var.range.low), int(var.range.high) - 1
            self._ends = (self.low - 0.5, self.high + 0.5)
        else:
            self.low, self.high = float(var.range.low), float(var.range.high)
            self._ends = (self.low, self.high)
        if self.log:
            self._ends = (math.log(self._ends[0]), math.log(self._ends[1]))

    def value(self, u: float) -> float:
        """The protocol value at ``u`` (clipped to ``[0, 1]`` first; a NaN is read as 1/2)."""
        u = 0.5 if math.isnan(u) else min(max(u, 0.0), 1.0)
        x = self._ends[0] + u * (self._ends[1] - self._ends[0])
        if self.log:
            x = math.exp(x)
        if self.integer:
            k = math.copysign(math.floor(abs(x) + 0.5), x)
            return int(min(max(k, self.low), self.high))
        return float(min(max(x, self.low), self.high))


def to_coordinate(var: Var) -> Optional[Coordinate]:
    """The coordinate of a kurobako variable, or ``None`` for a ``DISCRETE`` range of one integer.

    - Raises: ``ValueError`` for a categorical or conditional parameter, an infinite bound or an
      empty range.
    """
    if var.constraint is not None:
        raise ValueError("parameter '{}' is conditional; this solver has no CONDITIONAL".format(var.name))
    if isinstance(var.range, CategoricalRange):
        raise ValueError("parameter '{}' is categorical; this solver has no CATEGORICAL".format(var.name))
    if isinstance(var.range, ContinuousRange):
        if not (math.isfinite(var.range.low) and math.isfinite(var.range.high)):
            raise ValueError("parameter '{}' has an infinite bound".format(var.name))
        return Coordinate(var)
    if isinstance(var.range, DiscreteRange):
        if var.range.high <= var.range.low:
            raise ValueError("parameter '{}' has an empty DISCRETE range".format(var.name))
        return None if var.range.high == var.range.low + 1 else Coordinate(var)
    raise ValueError("parameter '{}' has an unknown range {}".format(var.name, var.range))


def make_minimize(
    dimension: int, bipop: bool, rng: "np.random.Generator", start: str = "uniform"
) -> Callable[[Callable], None]:
    """The search of one run: ``cma.fmin2`` with restarts, called again whenever it returns.

    Each call draws its ``seed`` option from ``rng``; ``x0`` is a callable that ``fmin2`` calls before
    each (re)start, a point from ``rng`` as ``start`` says (``STARTS``): uniform in ``[0.1, 0.9]^d``,
    or the centre for the run's first start and triangular points after it. ``fmin2`` returns after its
    restarts are used up (no ``ftarget`` or ``maxfevals`` is set); the search then goes on with a new
    call, as COCO's example experiment calls ``fmin2`` again while evaluations are left.

    The seed is drawn, not ``random_seed`` itself, because pycma reads a seed of 0 (or ``None``) as
    "seed from the clock", ``numpy.random.seed`` takes only seeds below 2^32, and ``fmin2`` adds 1 to
    the seed at each restart.
    """

    if start not in STARTS:
        raise ValueError("start '{}' is not one of {}".format(start, ", ".join(STARTS)))
    starts = 0

    def x0() -> "np.ndarray":
        nonlocal starts
        starts += 1
        if start == "uniform":
            return rng.uniform(X0_LOW, X0_HIGH, dimension)
        if starts == 1:
            return np.full(dimension, 0.5)
        return (rng.uniform(0.0, 1.0, dimension) + rng.uniform(0.0, 1.0, dimension)) / 2

    def minimize(objective: Callable[[Any], float]) -> None:
        while True:
            seed = int(rng.integers(1, 2**31))
            cma.fmin2(objective, x0, SIGMA0, _options(seed), restarts=RESTARTS, bipop=bipop)

    return minimize


class CmaSolver(Solver):
    """One run: ``fmin2`` on its own thread, one evaluation per ask and tell.

    A failed evaluation (empty ``values``) is told as NaN, which pycma reads as a rejected solution and
    replaces by a new sample (its own handling of an objective that returns NaN).
    """

    def __init__(self, seed: int, problem: ProblemSpec, bipop: bool, start: str = "uniform"):
        if len(problem.values) != 1:
            raise ValueError("this solver handles one objective; the problem has {}".format(len(problem.values)))
        self._problem = problem
        coordinates = [to_coordinate(var) for var in problem.params]
        self._free = [(index, c) for index, c in enumerate(coordinates) if c is not None]
        if not self._free:
            raise ValueError("the problem has no parameter with more than one value")
        # pycma does not run in one dimension (it warns that 1-D is unsupported, and with bounds its
        # step-size cap fails); as its author advises (pycma issue #86), a 1-D problem is searched
        # in 2-D, the second coordinate left unused.
        dimension = max(2, len(self._free))
        rng = np.random.default_rng(seed)
        self._minimizer = InvertedMinimizer(
            make_minimize(dimension, bipop, rng, start), name="pycma-{}".format("bipop" if bipop else "ipop")
        )
        # pycma draws from numpy's global generator; each solver keeps its own state of it, so that
        # solvers side by side in one process (as kurobako creates them) do not disturb each other.
        self._numpy_state = np.random.RandomState(seed).get_state()
        self._pending: Optional[int] = None
        # Dropping the solver (DROP_SOLVER_CAST) ends its thread.
        weakref.finalize(self, self._minimizer.close)

    @contextlib.contextmanager
    def _turn(self) -> Iterator[None]:
        """The minimizer's turn to run: its numpy state in, library prints to stderr."""
        np.random.set_state(self._numpy_state)
        try:
            with quiet():
                yield
        finally:
            self._numpy_state = np.random.get_state()

    def ask(self, idg: TrialIdGenerator) -> NextTrial:
        with self._turn():
            point = self._minimizer.ask()
        assert point is not None, "the minimizer restarts fmin2 forever"
        params: List[Optional[float]] = [int(var.range.low) for var in self._problem.params]
        for (index, coordinate), u in zip(self._free, point):
            params[index] = coordinate.value(float(u))
        self._pending = idg.generate()
        return NextTrial(trial_id=self._pending, params=params, next_step=self._problem.last_step)

    def tell(self, trial: EvaluatedTrial) -> None:
        if trial.trial_id != self._pending:
            raise ValueError("told trial {}, but trial {} is the one asked".format(trial.trial_id, self._pending))
        self._pending = None
        value = float(trial.values[0]) if len(trial.values) > 0 else math.nan
        with self._turn():
            self._minimizer.tell(value)

    def close(self) -> None:
        """Ends the minimizer's thread (also done when the solver is dropped)."""
        self._minimizer.close()


class CmaSolverFactory(SolverFactory):
    """Makes one seeded ``fmin2`` run per ``CREATE_SOLVER_CAST``."""

    def __init__(self, bipop: bool, start: str = "uniform"):
        self._bipop = bipop
        self._start = start
        self._solvers: "weakref.WeakSet[CmaSolver]" = weakref.WeakSet()

    def specification(self) -> SolverSpec:
        strategy = "BIPOP" if self._bipop else "IPOP"
        centre = self._start == "centre"
        return SolverSpec(
            name="pycma{}{} (cma.fmin2, {}-CMA-ES)".format(
                "-bipop" if self._bipop else "", "-centre" if centre else "", strategy
            ),
            capabilities={
                Capability.UNIFORM_CONTINUOUS,
                Capability.LOG_UNIFORM_CONTINUOUS,
                Capability.UNIFORM_DISCRETE,
                Capability.LOG_UNIFORM_DISCRETE,
            },
            attrs={
                "version": versions(PACKAGES),
                "algorithm": (
                    "cma.fmin2(objective, x0, {}, options, restarts={}, bipop={}), called again when it returns"
                ).format(SIGMA0, RESTARTS, self._bipop),
                "settings": (
                    "pycma's default options but bounds=[0, 1] (BoundTransform), seed drawn from random_seed, "
                    "verbose=-9; incpopsize=2; sigma0=0.2; "
                    + (
                        "x0 the centre of the cube at the run's first start, then each coordinate the mean of "
                        "two uniforms on [0, 1] (cocoex's initial_solution_proposal)"
                        if centre
                        else "x0 uniform in [0.1, 0.9]^d before each (re)start"
                    )
                ),
                "space": (
                    "unit cube; log parameters on the log scale; integers on [low - 1/2, high + 1/2], "
                    "rounded; a 1-D problem is searched in 2-D"
                ),
                "failures": "told as NaN (pycma resamples the solution)",
                "paper": (
                    "Hansen and Ostermeier 2001, Completely Derandomized Self-Adaptation in Evolution "
                    "Strategies (Evolutionary Computation 9(2)); "
                    + (
                        "Hansen 2009, Benchmarking a BI-Population CMA-ES on the BBOB-2009 Function Testbed "
                        "(GECCO workshop)"
                        if self._bipop
                        else "Auger and Hansen 2005, A Restart CMA Evolution Strategy with Increasing "
                        "Population Size (CEC)"
                    )
                ),
                "github": "https://github.com/CMA-ES/pycma",
            },
        )

    def create_solver(self, seed: int, problem: ProblemSpec) -> Solver:
        solver = CmaSolver(seed, problem, self._bipop, self._start)
        self._solvers.add(solver)
        return solver

    def close(self) -> None:
        """Ends the threads of the solvers still alive (the session ended without dropping them)."""
        for solver in list(self._solvers):
            solver.close()


# The modes of the command line: (bipop, start).
STRATEGIES = {"ipop": (False, "uniform"), "bipop": (True, "uniform"), "ipop-centre": (False, "centre")}


def main(argv: List[str]) -> int:
    if len(argv) != 2 or argv[1] not in STRATEGIES:
        print("usage: cma_solver.py {}".format("|".join(STRATEGIES)), file=sys.stderr)
        return 2
    bipop, start = STRATEGIES[argv[1]]
    factory = CmaSolverFactory(bipop=bipop, start=start)
    try:
        SolverRunner(factory).run()
    finally:
        factory.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

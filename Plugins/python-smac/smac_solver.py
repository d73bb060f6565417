"""SMAC3's ``HyperparameterOptimizationFacade`` as a kurobako solver.

Usage: ``python3 smac_solver.py [--n-trials N]``

Built only on the ``kurobako`` package (its ``SolverRunner`` speaks the protocol, unchanged), ConfigSpace
and SMAC3's ask-and-tell interface (``smac.ask()``, ``smac.tell(info, TrialValue(cost=...))``). The
facade runs with its defaults, ``deterministic=True`` and ``seed`` set to the run's ``random_seed``.
The protocol does not tell a solver the run's budget; the scenario's ``n_trials``, which sizes SMAC's
initial design, is Tunebench's ``TUNEBENCH_BUDGET`` when set, else the ``Scenario`` default 100, unless
``--n-trials`` says otherwise. See README.md for
the mapping of the search space and the choices made.
"""

import logging
import math
import os
import re
import shutil
import sys
import tempfile
import weakref
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import (  # noqa: E402
    OncePerMessage,
    quiet,
    reserve_stdout_for_protocol,
    versions,
    warn_once_per_place,
)

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    from ConfigSpace import (
        Categorical,
        Configuration,
        ConfigurationSpace,
        Constant,
        EqualsCondition,
        Float,
        InCondition,
        Integer,
    )
    from ConfigSpace.hyperparameters import Hyperparameter
    from smac import HyperparameterOptimizationFacade, Scenario
    from smac.main.exceptions import ConfigurationSpaceExhaustedException
    from smac.model.random_forest import RandomForest
    from smac.runhistory.dataclasses import TrialInfo, TrialValue
    from smac.runhistory.enumerations import StatusType

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

PACKAGES = ["smac", "ConfigSpace", "scikit-learn", "numpy", "scipy", "kurobako"]

# Scenario's default n_trials in SMAC 2.4.1; the facade's initial design is
# min(10 x parameters, n_trials / 4) Sobol points.
N_TRIALS = 100

# SMAC logs to the root logger through a handler on sys.stdout when the facade sets up its logging;
# the bridge passes logging_level=False and gives SMAC's loggers a handler on stderr, warnings only,
# each message once (SMAC repeats "Did not find enough configurations ..." on small spaces).
_smac_logger = logging.getLogger("smac")
_smac_logger.setLevel(logging.WARNING)
_smac_logger.propagate = False
_handler = logging.StreamHandler(sys.stderr)
_handler.setFormatter(logging.Formatter("[%(levelname)s][%(name)s] %(message)s"))
_handler.addFilter(OncePerMessage())
_smac_logger.addHandler(_handler)


# MARK: - Constraints

_TOKEN = re.compile(r"""\s*(?:(?P<open>\()|(?P<close>\))|(?P<eq>==)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"""
                    r"""|"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)')""")


def _tokens(text: str) -> List[Tuple[str, str]]:
    """The tokens of a constraint: ``(``, ``)``, ``==``, ``or``, names and strings (unescaped)."""
    tokens: List[Tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError("unexpected text at {!r}".format(text[position:position + 20]))
        position = match.end()
        kind = match.lastgroup
        if kind in ("dq", "sq"):
            tokens.append(("string", re.sub(r"\\(.)", r"\1", match.group(kind))))
        elif kind == "name":
            tokens.append(("or", "or") if match.group("name") == "or" else ("name", match.group("name")))
        else:
            tokens.append((kind, match.group(kind)))
    return tokens


def parse_constraint(text: str) -> Tuple[str, List[str]]:
    """The parent and its choices of a constraint ``parent == "a" or parent == "b"``.

    The shape Tunebench writes (Plugins/PROTOCOL.md): comparisons of one parameter with quoted strings
    joined by ``or``, optionally in parentheses; kurobako allows any Lua expression, which this bridge
    refuses.

    - Raises: ``ValueError`` for any other expression.
    """
    tokens = _tokens(text)
    position = 0

    def term() -> Tuple[str, List[str]]:
        nonlocal position
        if position < len(tokens) and tokens[position][0] == "open":
            position += 1
            inner = disjunction()
            if position >= len(tokens) or tokens[position][0] != "close":
                raise ValueError("unbalanced parentheses")
            position += 1
            return inner
        triple = [kind for kind, _ in tokens[position:position + 3]]
        if triple == ["name", "eq", "string"]:
            parent, value = tokens[position][1], tokens[position + 2][1]
        elif triple == ["string", "eq", "name"]:
            parent, value = tokens[position + 2][1], tokens[position][1]
        else:
            raise ValueError("expected a comparison parameter == \"choice\"")
        position += 3
        return parent, [value]

    def disjunction() -> Tuple[str, List[str]]:
        nonlocal position
        parent, values = term()
        while position < len(tokens) and tokens[position][0] == "or":
            position += 1
            other, more = term()
            if other != parent:
                raise ValueError("the comparisons name two parameters, {} and {}".format(parent, other))
            values += more
        return parent, values

    result = disjunction()
    if position != len(tokens):
        raise ValueError("unexpected text after the condition")
    return result


# MARK: - Space

def to_hyperparameter(var: Var) -> Hyperparameter:
    """The ConfigSpace hyperparameter of a kurobako variable.

    - ``CONTINUOUS [low, high)``: ``Float(name, (low, high), log=LOG_UNIFORM)``;
    - ``DISCRETE [low, high)`` (half-open): ``Integer(name, (low, high - 1), log=...)``, or
      ``Constant(name, low)`` for a range of one integer (ConfigSpace refuses ``low == high``);
    - ``CATEGORICAL``: ``Categorical(name, choices)``; the reply is the chosen index.

    - Raises: ``ValueError`` for an infinite bound or an empty range.
    """
    log = var.distribution == Distribution.LOG_UNIFORM
    if isinstance(var.range, ContinuousRange):
        low, high = float(var.range.low), float(var.range.high)
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ValueError("parameter '{}' has an infinite bound".format(var.name))
        return Float(var.name, (low, high), log=log)
    if isinstance(var.range, DiscreteRange):
        low, last = int(var.range.low), int(var.range.high) - 1
        if last < low:
            raise ValueError("parameter '{}' has an empty DISCRETE range".format(var.name))
        if last == low:
            return Constant(var.name, low)
        return Integer(var.name, (low, last), log=log)
    if isinstance(var.range, CategoricalRange):
        return Categorical(var.name, list(var.range.choices))
    raise ValueError("parameter '{}' has an unknown range {}".format(var.name, var.range))


def to_configuration_space(problem: ProblemSpec, seed: int) -> ConfigurationSpace:
    """The problem's parameters as a ConfigurationSpace, constraints as ``EqualsCondition`` (one
    choice) or ``InCondition`` (several) on a categorical parent.

    - Raises: ``ValueError`` naming the parameter whose constraint is not of that shape.
    """
    space = ConfigurationSpace(seed=seed)
    hyperparameters = {var.name: to_hyperparameter(var) for var in problem.params}
    space.add(list(hyperparameters.values()))
    conditions = []
    for var in problem.params:
        if var.constraint is None:
            continue
        try:
            parent, values = parse_constraint(var.constraint)
        except ValueError as error:
            raise ValueError("parameter '{}': constraint {!r}: {}".format(var.name, var.constraint, error))
        parent_var = next((p for p in problem.params if p.name == parent), None)
        if parent_var is None or not isinstance(parent_var.range, CategoricalRange):
            raise ValueError("parameter '{}': its constraint's parent '{}' is no categorical parameter"
                             .format(var.name, parent))
        unknown = [value for value in values if value not in parent_var.range.choices]
        if unknown:
            raise ValueError("parameter '{}': '{}' has no choice {}".format(var.name, parent, unknown))
        child, parent_hp = hyperparameters[var.name], hyperparameters[parent]
        if len(values) == 1:
            conditions.append(EqualsCondition(child, parent_hp, values[0]))
        else:
            conditions.append(InCondition(child, parent_hp, values))
    space.add(conditions)
    return space


def _protocol_value(var: Var, value: Any) -> Optional[float]:
    """A configuration's value as a protocol value: a float clipped to its range, an integer, a choice's
    index, or ``None`` for an inactive parameter."""
    if value is None:
        return None
    if isinstance(var.range, CategoricalRange):
        return var.range.choices.index(str(value))
    if isinstance(var.range, DiscreteRange):
        return int(value)
    return float(min(max(float(value), var.range.low), var.range.high))


# MARK: - Solver

def make_model(scenario: Scenario) -> RandomForest:
    """The facade's random forest (``HyperparameterOptimizationFacade.get_model``) with one thread.

    The facade's forest predicts with ``n_jobs=-1`` threads; the harness runs optimizers
    single-threaded (``OMP_NUM_THREADS=1``) so that parallel runs do not oversubscribe the cores. The
    forest is seeded, and its answers do not depend on the number of threads.
    """
    model = RandomForest(
        configspace=scenario.configspace,
        log_y=True,
        n_trees=10,
        bootstrapping=True,
        ratio_features=1.0,
        min_samples_split=2,
        min_samples_leaf=1,
        max_depth=2**20,
        instance_features=scenario.instance_features,
        seed=scenario.seed,
        n_jobs=1,
    )
    default = HyperparameterOptimizationFacade.get_model(scenario).meta
    if {**model.meta, "n_jobs": default.get("n_jobs")} != default:
        raise RuntimeError("the facade's random forest has other settings than this bridge's: {}".format(default))
    return model


class SmacSolver(Solver):
    """One run: a ``HyperparameterOptimizationFacade`` driven by ask and tell, its output in a temporary
    folder removed when the solver is dropped or the session ends.

    - A failed evaluation (empty ``values``) is told as ``StatusType.CRASHED`` with the worst cost seen so
      far; failures before the first success are told when it comes. (The scenario's ``crash_cost`` is
      infinite by default, which makes the log-scaled encoder give NaN and the random forest refuse to
      train.)
    - When SMAC has evaluated every configuration of a finite space, its ``ask`` raises
      ``ConfigurationSpaceExhaustedException``; the solver then answers its incumbent (or, without one, a
      configuration sampled from the seeded space), and tells SMAC nothing more.
    """

    def __init__(self, seed: int, problem: ProblemSpec, n_trials: int):
        if len(problem.values) != 1:
            raise ValueError("this solver handles one objective; the problem has {}".format(len(problem.values)))
        self._problem = problem
        space = to_configuration_space(problem, seed)
        folder = tempfile.mkdtemp(prefix="tunebench-smac-")
        weakref.finalize(self, shutil.rmtree, folder, True)
        scenario = Scenario(
            space, deterministic=True, seed=seed, n_trials=n_trials, output_directory=Path(folder) / "smac3_output"
        )
        with quiet():
            self._smac = HyperparameterOptimizationFacade(
                scenario, target_function=None, model=make_model(scenario), logging_level=False, overwrite=True
            )
        self._space = space
        self._pending: Dict[int, Optional[TrialInfo]] = {}  # None: a configuration SMAC did not ask
        self._failed: List[TrialInfo] = []
        self._worst: Optional[float] = None
        self._exhausted = False

    def _next_configuration(self) -> Tuple[Configuration, Optional[TrialInfo]]:
        if not self._exhausted:
            try:
                info = self._smac.ask()
                return info.config, info
            except (ConfigurationSpaceExhaustedException, StopIteration):
                self._exhausted = True
        incumbent = self._smac.intensifier.get_incumbent()
        return (incumbent if incumbent is not None else self._space.sample_configuration()), None

    def ask(self, idg: TrialIdGenerator) -> NextTrial:
        with quiet():
            configuration, info = self._next_configuration()
        params = [_protocol_value(var, configuration.get(var.name)) for var in self._problem.params]
        trial_id = idg.generate()
        self._pending[trial_id] = info
        return NextTrial(trial_id=trial_id, params=params, next_step=self._problem.last_step)

    def tell(self, trial: EvaluatedTrial) -> None:
        info = self._pending.pop(trial.trial_id)
        if info is None:
            return
        with quiet():
            if len(trial.values) > 0:
                cost = float(trial.values[0])
                self._worst = cost if self._worst is None else max(self._worst, cost)
                self._smac.tell(info, TrialValue(cost=cost), save=False)
                failed, self._failed = self._failed, []
            else:
                failed = [info]
            if self._worst is None:
                self._failed += failed
                return
            for failure in failed:
                self._smac.tell(failure, TrialValue(cost=self._worst, status=StatusType.CRASHED), save=False)


class SmacSolverFactory(SolverFactory):
    """Makes one seeded facade per ``CREATE_SOLVER_CAST``."""

    def __init__(self, n_trials: int):
        self._n_trials = n_trials

    def specification(self) -> SolverSpec:
        return SolverSpec(
            name="smac-hpo (HyperparameterOptimizationFacade)",
            capabilities={
                Capability.UNIFORM_CONTINUOUS,
                Capability.LOG_UNIFORM_CONTINUOUS,
                Capability.UNIFORM_DISCRETE,
                Capability.LOG_UNIFORM_DISCRETE,
                Capability.CATEGORICAL,
                Capability.CONDITIONAL,
            },
            attrs={
                "version": versions(PACKAGES),
                "facade": (
                    "HyperparameterOptimizationFacade(Scenario(space, deterministic=True, seed=random_seed, "
                    "n_trials={}), target_function=None) by ask and tell".format(self._n_trials)
                ),
                "settings": (
                    "the facade's defaults: random forest (10 trees, log costs, one thread here), log EI (xi=0), "
                    "local and sorted random search (10000 challengers), Sobol initial design of "
                    "min(10 d, n_trials / 4) points, 20% random configurations, retrain after 8"
                ),
                "failures": "StatusType.CRASHED with the worst cost seen so far",
                "paper": (
                    "Lindauer et al. 2022, SMAC3: A Versatile Bayesian Optimization Package for Hyperparameter "
                    "Optimization (JMLR 23); Hutter, Hoos and Leyton-Brown 2011, Sequential Model-Based "
                    "Optimization for General Algorithm Configuration (LION 5)"
                ),
                "github": "https://github.com/automl/SMAC3",
            },
        )

    def create_solver(self, seed: int, problem: ProblemSpec) -> Solver:
        return SmacSolver(seed, problem, self._n_trials)


def main(argv: List[str]) -> int:
    # Tunebench tells a solver the run's budget in TUNEBENCH_BUDGET (Plugins/PROTOCOL.md), which is what SMAC's
    # n_trials means; without it (kurobako), the Scenario default.
    budget = os.environ.get("TUNEBENCH_BUDGET", "")
    n_trials = int(budget) if budget.isdigit() and int(budget) > 0 else N_TRIALS
    if len(argv) == 3 and argv[1] == "--n-trials" and argv[2].isdigit() and int(argv[2]) > 0:
        n_trials = int(argv[2])
    elif len(argv) != 1:
        print("usage: smac_solver.py [--n-trials N]", file=sys.stderr)
        return 2
    SolverRunner(SmacSolverFactory(n_trials)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Optuna's samplers as a kurobako solver.

Usage: ``python3 optuna_solver.py {tpe,cmaes,gp,nsga2,nsga3}``

Built only on the ``kurobako`` package (its ``SolverRunner`` speaks the protocol, unchanged) and
Optuna's public ask-and-tell API. Each sampler runs with its default settings and ``seed`` set to
the run's ``random_seed``. See README.md for the mapping of the search space and the choices made.
"""

import logging
import os
import sys
from typing import Callable, Dict, List, Optional, Set


# The helpers shared by the Python plugins (standard library only): see Plugins/python-common.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python-common"))
from tunebench_bridge import (  # noqa: E402
    ExtensionCapability,
    OncePerMessage,
    constraint_values,
    quiet,
    reserve_stdout_for_protocol,
    versions,
    warn_once_per_place,
)

reserve_stdout_for_protocol()
warn_once_per_place()

with quiet():
    import optuna
    from optuna.distributions import (
        BaseDistribution,
        CategoricalDistribution,
        FloatDistribution,
        IntDistribution,
    )
    from optuna.trial import Trial, TrialState

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


# Optuna logs to stderr already; WARNING drops the per-trial INFO lines ("Trial 3 finished ...").
optuna.logging.set_verbosity(optuna.logging.WARNING)
for _handler in logging.getLogger("optuna").handlers:
    _handler.addFilter(OncePerMessage())

_NUMERIC = {
    Capability.UNIFORM_CONTINUOUS,
    Capability.LOG_UNIFORM_CONTINUOUS,
    Capability.UNIFORM_DISCRETE,
    Capability.LOG_UNIFORM_DISCRETE,
}

# Several trials may be asked before the earlier ones are told (Tunebench's simulated workers, kurobako's
# --concurrency): each asked trial stays RUNNING in the study until its tell, and Optuna 5's samplers read running
# trials themselves (TPESampler's ``constant_liar``, True by default; GPSampler's fantasies of running trials;
# CmaEsSampler's generations), so the bridge needs nothing more than its table of pending trials.
_CONCURRENT = {Capability.CONCURRENT}

# Tunebench's extension (Plugins/PROTOCOL.md): the harness tells an infeasible trial's value with its
# ``constraint_values``, which the bridge hands to Optuna with ``Trial.set_constraint``. Optuna 5's TPESampler and
# GPSampler read ``trial.constraints``; its CmaEsSampler ignores them, so it does not claim this.
_CONSTRAINTS = ExtensionCapability("CONSTRAINTS")

# Several objectives (kurobako's ``values_domain`` with more than one entry): the study minimises each, and the
# trial's values are told as Optuna takes them. TPESampler is then Optuna's multi-objective TPE (MOTPE: Ozaki et al.
# 2020/2022), NSGAIISampler Deb et al. 2002's NSGA-II.
_MULTI = {Capability.MULTI_OBJECTIVE}


class _Sampler:
    """One sampler choice: how to build it, what it claims, and what to record about it."""

    def __init__(
        self,
        make: Callable[[int], "optuna.samplers.BaseSampler"],
        class_name: str,
        capabilities: Set[Capability],
        packages: List[str],
        paper: str,
        note: str,
    ):
        self.make = make
        self.class_name = class_name
        self.capabilities = capabilities
        self.packages = packages
        self.paper = paper
        self.note = note


SAMPLERS: Dict[str, _Sampler] = {
    "tpe": _Sampler(
        make=lambda seed: optuna.samplers.TPESampler(seed=seed),
        class_name="TPESampler",
        capabilities=_NUMERIC | _CONCURRENT | _MULTI | {Capability.CATEGORICAL, Capability.CONDITIONAL, _CONSTRAINTS},
        packages=["optuna", "kurobako", "lupa", "numpy", "scipy"],
        paper=(
            "Bergstra et al. 2011, Algorithms for Hyper-Parameter Optimization (NeurIPS); "
            "Watanabe 2023, arXiv:2304.11127; Akiba et al. 2019, Optuna (KDD)"
        ),
        note=(
            "default settings (multivariate TPE for one objective, MOTPE for several; constant_liar for running "
            "trials); parameters outside the intersection search space (conditional ones) are sampled by "
            "univariate TPE"
        ),
    ),
    "nsga2": _Sampler(
        make=lambda seed: optuna.samplers.NSGAIISampler(seed=seed),
        class_name="NSGAIISampler",
        capabilities=_NUMERIC | _CONCURRENT | _MULTI | {Capability.CATEGORICAL},
        packages=["optuna", "kurobako", "lupa", "numpy", "scipy"],
        paper=(
            "Deb, Pratap, Agarwal and Meyarivan 2002, A fast and elitist multiobjective genetic algorithm: "
            "NSGA-II (IEEE TEVC 6(2))"
        ),
        note=(
            "default settings (population_size 50, UniformCrossover with crossover_prob 0.9 and swapping_prob 0.5, "
            "mutation by resampling each parameter with probability 1/d); no CONDITIONAL"
        ),
    ),
    "nsga3": _Sampler(
        make=lambda seed: optuna.samplers.NSGAIIISampler(seed=seed),
        class_name="NSGAIIISampler",
        capabilities=_NUMERIC | _CONCURRENT | _MULTI | {Capability.CATEGORICAL},
        packages=["optuna", "kurobako", "lupa", "numpy", "scipy"],
        paper=(
            "Deb and Jain 2014, An evolutionary many-objective optimization algorithm using reference-point-based "
            "nondominated sorting approach, part I (IEEE TEVC 18(4))"
        ),
        note=(
            "default settings (population_size 50, reference points of dividing_parameter 3, UniformCrossover with "
            "crossover_prob 0.9 and swapping_prob 0.5, mutation by resampling each parameter with probability 1/d); "
            "no CONDITIONAL"
        ),
    ),
    "cmaes": _Sampler(
        make=lambda seed: optuna.samplers.CmaEsSampler(seed=seed),
        class_name="CmaEsSampler",
        capabilities=_NUMERIC | _CONCURRENT | {Capability.CATEGORICAL},
        packages=["optuna", "cmaes", "kurobako", "lupa", "numpy", "scipy"],
        paper="Hansen 2016, The CMA Evolution Strategy: A Tutorial, arXiv:1604.00772",
        note=(
            "default settings; categorical parameters are sampled by Optuna's fallback, "
            "the independent RandomSampler(seed=seed); no CONDITIONAL (conditional parameters "
            "would fall to that random fallback too)"
        ),
    ),
    "gp": _Sampler(
        make=lambda seed: optuna.samplers.GPSampler(seed=seed),
        class_name="GPSampler",
        capabilities=_NUMERIC | _CONCURRENT | {Capability.CATEGORICAL, _CONSTRAINTS},
        packages=["optuna", "torch", "kurobako", "lupa", "numpy", "scipy"],
        paper=(
            "Ament et al. 2023, Unexpected Improvements to Expected Improvement for Bayesian "
            "Optimization, arXiv:2310.20708"
        ),
        note=(
            "default settings (logEI); no CONDITIONAL (conditional parameters would be sampled "
            "by Optuna's fallback, the independent RandomSampler)"
        ),
    ),
}


def to_distribution(var: Var) -> BaseDistribution:
    """The Optuna distribution of a kurobako variable.

    ``CONTINUOUS [low, high)`` becomes a float distribution on ``[low, high]``; ``DISCRETE`` is
    half-open in kurobako, so ``[low, high)`` becomes the integers ``low ... high - 1``;
    ``CATEGORICAL`` keeps its choices (the reply is the index of the chosen one).

    - Raises: ``ValueError`` for an infinite bound or an empty range.
    """
    log = var.distribution == Distribution.LOG_UNIFORM
    if isinstance(var.range, ContinuousRange):
        low, high = float(var.range.low), float(var.range.high)
        if not (abs(low) < float("inf") and abs(high) < float("inf")):
            raise ValueError("parameter '{}' has an infinite bound".format(var.name))
        return FloatDistribution(low, high, log=log)
    if isinstance(var.range, DiscreteRange):
        if var.range.high <= var.range.low:
            raise ValueError("parameter '{}' has an empty DISCRETE range".format(var.name))
        return IntDistribution(int(var.range.low), int(var.range.high) - 1, log=log)
    if isinstance(var.range, CategoricalRange):
        return CategoricalDistribution(list(var.range.choices))
    raise ValueError("parameter '{}' has an unknown range {}".format(var.name, var.range))


def _suggest(trial: Trial, name: str, distribution: BaseDistribution) -> float:
    """Suggests one parameter with the public ``Trial.suggest_*`` API and returns its protocol value."""
    if isinstance(distribution, FloatDistribution):
        return float(
            trial.suggest_float(name, distribution.low, distribution.high, log=distribution.log)
        )
    if isinstance(distribution, IntDistribution):
        return int(trial.suggest_int(name, distribution.low, distribution.high, log=distribution.log))
    assert isinstance(distribution, CategoricalDistribution)
    choice = trial.suggest_categorical(name, distribution.choices)
    return distribution.choices.index(choice)


class OptunaSolver(Solver):
    """One run: an in-memory study driven by ask and tell."""

    def __init__(self, sampler: "optuna.samplers.BaseSampler", problem: ProblemSpec):
        self._problem = problem
        self._objectives = len(problem.values)
        self._distributions = [to_distribution(var) for var in problem.params]
        with quiet():
            if self._objectives == 1:
                self._study = optuna.create_study(sampler=sampler, direction="minimize")
            else:
                self._study = optuna.create_study(sampler=sampler, directions=["minimize"] * self._objectives)
        self._pending: Dict[int, Trial] = {}

    def ask(self, idg: TrialIdGenerator) -> NextTrial:
        params: List[Optional[float]] = []
        with quiet():
            trial = self._study.ask()
            for var, distribution in zip(self._problem.params, self._distributions):
                # The constraint reads the parameters before this one; inactive ones are None.
                if var.is_constraint_satisfied(self._problem.params, params):
                    params.append(_suggest(trial, var.name, distribution))
                else:
                    params.append(None)
        trial_id = idg.generate()
        self._pending[trial_id] = trial
        return NextTrial(trial_id=trial_id, params=params, next_step=self._problem.last_step)

    def tell(self, trial: EvaluatedTrial, constraints: Optional[List[float]] = None) -> None:
        optuna_trial = self._pending.pop(trial.trial_id)
        with quiet():
            if len(trial.values) == 0:
                self._study.tell(optuna_trial, state=TrialState.FAIL)
                return
            # A constrained problem's values, as Optuna 5 takes them (feasible when every one is <= 0); the keys
            # keep their order, so that every trial lists its constraints alike.
            for index, value in enumerate(constraints or []):
                optuna_trial.set_constraint("c{:03d}".format(index + 1), value)
            if self._objectives == 1:
                self._study.tell(optuna_trial, float(trial.values[0]))
            else:
                self._study.tell(optuna_trial, [float(value) for value in trial.values])


class ConstraintRunner(SolverRunner):
    """kurobako's runner, which also hands the solver each ``TELL_CALL``'s ``constraint_values`` (a Tunebench
    extension that kurobako's own ``EvaluatedTrial`` drops)."""

    def _handle_tell_call(self, message):
        solver = self._solvers[message["solver_id"]]
        solver.tell(EvaluatedTrial.from_dict(message["trial"]), constraint_values(message))
        self._send_message({"type": "TELL_REPLY"})


class OptunaSolverFactory(SolverFactory):
    """Makes one seeded sampler and study per ``CREATE_SOLVER_CAST``."""

    def __init__(self, key: str):
        self._sampler = SAMPLERS[key]
        self._key = key

    def specification(self) -> SolverSpec:
        sampler = self._sampler
        return SolverSpec(
            name="optuna-{} ({})".format(self._key, sampler.class_name),
            capabilities=sampler.capabilities,
            attrs={
                "version": versions(sampler.packages),
                "sampler": "{}(seed=random_seed)".format(sampler.class_name),
                "paper": sampler.paper,
                "github": "https://github.com/optuna/optuna",
                "settings": sampler.note,
            },
        )

    def create_solver(self, seed: int, problem: ProblemSpec) -> Solver:
        with quiet():
            sampler = self._sampler.make(seed)
        return OptunaSolver(sampler, problem)


def main(argv: List[str]) -> int:
    if len(argv) != 2 or argv[1] not in SAMPLERS:
        print("usage: optuna_solver.py {}".format("|".join(SAMPLERS)), file=sys.stderr)
        return 2
    ConstraintRunner(OptunaSolverFactory(argv[1])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

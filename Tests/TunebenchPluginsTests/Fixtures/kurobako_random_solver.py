"""Random search written only with the `kurobako` Python package: Tunebench must run it unchanged.

Test fixture of Tunebench (compatibility with solvers written for kurobako).
"""

import random

from kurobako import problem
from kurobako import solver


class RandomSolverFactory(solver.SolverFactory):
    def specification(self):
        return solver.SolverSpec(
            name="kurobako-random",
            capabilities={
                solver.Capability.UNIFORM_CONTINUOUS,
                solver.Capability.UNIFORM_DISCRETE,
                solver.Capability.CATEGORICAL,
                solver.Capability.CONDITIONAL,
                solver.Capability.CONCURRENT,
            },
        )

    def create_solver(self, seed, problem_spec):
        return RandomSolver(seed, problem_spec)


class RandomSolver(solver.Solver):
    def __init__(self, seed, problem_spec):
        self._rng = random.Random(seed)
        self._problem = problem_spec

    def ask(self, idg):
        params = []
        for var in self._problem.params:
            if not var.is_constraint_satisfied(self._problem.params, params):
                params.append(None)
            elif isinstance(var.range, problem.CategoricalRange):
                params.append(self._rng.randrange(len(var.range.choices)))
            elif isinstance(var.range, problem.DiscreteRange):
                params.append(self._rng.randrange(var.range.low, var.range.high))
            else:
                params.append(self._rng.uniform(var.range.low, var.range.high))
        return solver.NextTrial(trial_id=idg.generate(), params=params, next_step=self._problem.last_step)

    def tell(self, trial):
        pass


if __name__ == "__main__":
    solver.SolverRunner(RandomSolverFactory()).run()

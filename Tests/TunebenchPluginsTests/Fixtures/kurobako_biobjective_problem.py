"""A two-objective problem written only with the `kurobako` Python package, with its reference point.

f(x, y) = (x, 1 - x + y) for x, y real in [0, 1): the Pareto front is y = 0, f2 = 1 - f1, and the spec's
reference_point (1, 1) makes the front's volume 1/2. Test fixture of Tunebench.
"""

from kurobako import problem


class BiobjectiveProblemFactory(problem.ProblemFactory):
    def specification(self):
        return problem.ProblemSpec(
            name="kurobako-biobjective",
            params=[
                problem.Var("x", problem.ContinuousRange(0.0, 1.0)),
                problem.Var("y", problem.ContinuousRange(0.0, 1.0)),
            ],
            values=[problem.Var("f1"), problem.Var("f2")],
            reference_point=[1.0, 1.0],
        )

    def create_problem(self, seed):
        return BiobjectiveProblem()


class BiobjectiveProblem(problem.Problem):
    def create_evaluator(self, params):
        return BiobjectiveEvaluator(params)


class BiobjectiveEvaluator(problem.Evaluator):
    def __init__(self, params):
        self._params = params
        self._current_step = 0

    def current_step(self):
        return self._current_step

    def evaluate(self, next_step):
        self._current_step = 1
        x, y = self._params
        return [x, 1 - x + y]


if __name__ == "__main__":
    problem.ProblemRunner(BiobjectiveProblemFactory()).run()

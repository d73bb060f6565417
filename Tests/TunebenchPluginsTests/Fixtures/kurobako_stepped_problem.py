"""A multi-fidelity problem written only with the `kurobako` Python package: steps 1, 3 and 9.

f(x, step) = (x - 0.25)^2 + 1 / step, with x real in [0, 1); at the last step the minimum is 1/9 at x = 0.25, so the
value tells which step was evaluated. Test fixture of Tunebench.
"""

from kurobako import problem


class SteppedProblemFactory(problem.ProblemFactory):
    def specification(self):
        return problem.ProblemSpec(
            name="kurobako-stepped",
            params=[problem.Var("x", problem.ContinuousRange(0.0, 1.0))],
            values=[problem.Var("f")],
            steps=[1, 3, 9],
        )

    def create_problem(self, seed):
        return SteppedProblem()


class SteppedProblem(problem.Problem):
    def create_evaluator(self, params):
        return SteppedEvaluator(params)


class SteppedEvaluator(problem.Evaluator):
    def __init__(self, params):
        self._x = params[0]
        self._current_step = 0

    def current_step(self):
        return self._current_step

    def evaluate(self, next_step):
        self._current_step = next_step
        return [(self._x - 0.25) ** 2 + 1.0 / next_step]


if __name__ == "__main__":
    problem.ProblemRunner(SteppedProblemFactory()).run()

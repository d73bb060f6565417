"""A problem written only with the `kurobako` Python package: Tunebench must run it unchanged.

f(x, n, kind) = (x - 0.25)^2 + (n - 3)^2 / 10 + (0 if kind == "b" else 1), with x real in [0, 1), n integer in
[0, 8), kind in {a, b}; the minimum is 0 at x = 0.25, n = 3, kind = b. Test fixture of Tunebench.
"""

from kurobako import problem


class QuadraticProblemFactory(problem.ProblemFactory):
    def specification(self):
        return problem.ProblemSpec(
            name="kurobako-quadratic",
            attrs={"optimum": "0"},
            params=[
                problem.Var("x", problem.ContinuousRange(0.0, 1.0)),
                problem.Var("n", problem.DiscreteRange(0, 8)),
                problem.Var("kind", problem.CategoricalRange(["a", "b"])),
            ],
            values=[problem.Var("f")],
        )

    def create_problem(self, seed):
        return QuadraticProblem()


class QuadraticProblem(problem.Problem):
    def create_evaluator(self, params):
        return QuadraticEvaluator(params)


class QuadraticEvaluator(problem.Evaluator):
    def __init__(self, params):
        self._params = params
        self._current_step = 0

    def current_step(self):
        return self._current_step

    def evaluate(self, next_step):
        self._current_step = 1
        x, n, kind = self._params
        return [(x - 0.25) ** 2 + (n - 3) ** 2 / 10 + (0 if int(kind) == 1 else 1)]


if __name__ == "__main__":
    problem.ProblemRunner(QuadraticProblemFactory()).run()

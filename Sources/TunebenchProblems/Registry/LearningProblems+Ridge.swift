import TunebenchCore

extension LearningProblems {
    /// Defaults of the `ridge` entry that differ from ``LearningOptions/regression``'s: 600 rows of Friedman #1 (120
    /// to train, 360 to validate) with 100 features, 95 of them noise, so that regularization matters and the best
    /// `α` lies well inside `[10⁻⁴, 10⁴]` (with 180 training rows and 60 features it sat at the lower bound on 2 of
    /// 10 instances).
    static let ridgeDefaults: [String: OptionValue] = ["samples": .integer(600), "features": .integer(100)]

    /// Ridge regression with its hypergradient (``RidgeProblem``).
    static let ridgeEntries: [ProblemEntry] = [
        ProblemEntry(
            name: "ridge",
            summary: "Ridge regression on Friedman #1, exact fit, with the exact gradient in α (Hoerl & Kennard 1970)",
            options: LearningOptions.options(LearningOptions.regression, defaults: ridgeDefaults)
        ) {
            try RidgeProblem(
                LearningOptions.regressionProblem(
                    RidgeRegression(), $0,
                    options: LearningOptions.options(LearningOptions.regression, defaults: ridgeDefaults)))
        }
    ]
}

import TunebenchCore

extension LearningProblems {
    /// The models that keep or partition their training rows rather than fit weights by gradient descent: the random
    /// forest and k-nearest neighbours, and the combined selection over every learning model (CASH).
    ///
    /// All three are classification problems with the options of ``LearningOptions/classification``; `knn` draws 2,000
    /// rows by default rather than 3,000, since its cost grows with training rows × predicted rows (at 3,000 a median
    /// evaluation took 71 ms, over the 50 ms target, in a release build; at 2,000, see `tunebench bench problems`).
    static let instanceBasedEntries: [ProblemEntry] = [
        ProblemEntry(
            name: "random-forest",
            summary: "random forest of CART trees (Gini/entropy), 6 hyperparameters, 4-64 trees (Breiman 2001)",
            options: LearningOptions.classification
        ) { try LearningOptions.classificationProblem(RandomForestLearner(), $0) },
        ProblemEntry(
            name: "knn",
            summary: "k-nearest neighbours: k, vote weights, metric; single fidelity (Cover & Hart 1967)",
            options: LearningOptions.options(LearningOptions.classification, defaults: ["samples": .integer(2000)])
        ) { try LearningOptions.classificationProblem(NearestNeighboursLearner(), $0) },
        ProblemEntry(
            name: "cash",
            summary: "model choice and each model's hyperparameters, conditional (Auto-WEKA: Thornton et al. 2013)",
            options: LearningOptions.classification
        ) { try LearningOptions.classificationProblem(cashLearner(), $0) },
    ]

    /// The CASH learner: `model` over ``cashModels``, each model's parameters under its name.
    public static func cashLearner() throws -> ModelSelectionLearner {
        try ModelSelectionLearner(cashModels)
    }

    /// The models CASH chooses from, in the order of `model`'s choices, named as their own problems.
    public static let cashModels: [ModelSelectionLearner.Component] = [
        .init("logreg", LogisticRegression()), .init("mlp", MultilayerPerceptron()),
        .init("random-forest", RandomForestLearner()), .init("knn", NearestNeighboursLearner()),
    ]
}

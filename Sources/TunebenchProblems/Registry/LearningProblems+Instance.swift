import TunebenchCore

extension LearningProblems {
    /// The models that keep or partition their training rows rather than fit weights by gradient descent: the random
    /// forest and k-nearest neighbours, and the combined selection over every learning model (CASH).
    ///
    /// All three are classification problems with the options of ``LearningOptions/classification``.
    static let instanceBasedEntries: [ProblemEntry] = [
        ProblemEntry(
            name: "random-forest",
            summary: "random forest of CART trees (Gini/entropy), 6 hyperparameters, 4-64 trees (Breiman 2001)",
            options: LearningOptions.classification
        ) { try LearningOptions.classificationProblem(RandomForestLearner(), $0) },
        ProblemEntry(
            name: "knn",
            summary: "k-nearest neighbours: k, vote weights, metric; single fidelity (Cover & Hart 1967)",
            options: LearningOptions.classification
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

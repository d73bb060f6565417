import TunebenchCore

extension LearningProblems {
    /// The models trained by gradient descent, on ``ClassificationData`` with the options of
    /// ``LearningOptions/classification``.
    static let gradientTrainedEntries: [ProblemEntry] = [
        ProblemEntry(
            name: "logreg",
            summary:
                "Multinomial logistic regression by SGD with momentum, L1/L2, epochs 1-81 (Cox 1958; Sutskever 2013)",
            options: LearningOptions.classification
        ) { try LearningOptions.classificationProblem(LogisticRegression(), $0) },
        ProblemEntry(
            name: "mlp",
            summary: "MLP classifier, 1-3 hidden layers, Adam, epochs 1-81 (Rumelhart et al. 1986; Kingma & Ba 2015)",
            options: LearningOptions.classification
        ) { try LearningOptions.classificationProblem(MultilayerPerceptron(), $0) },
    ]
}

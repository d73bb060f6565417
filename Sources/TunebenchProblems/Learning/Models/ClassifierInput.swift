/// What the classifiers of this folder need from a ``Dataset``: its class count, checked, and its labels as integers.
enum ClassifierInput {
    /// The number of classes of a classification dataset.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for a regression dataset.
    static func classCount(of data: Dataset, learner: String) throws -> Int {
        guard case .classification(let classes) = data.task else {
            throw ProblemsError.invalidArgument(
                problem: learner, argument: "task", value: "regression", expected: "a classification dataset")
        }
        return classes
    }

    /// The class of every row.
    static func labels(of data: Dataset) -> [Int] {
        data.targets.map { Int($0) }
    }
}

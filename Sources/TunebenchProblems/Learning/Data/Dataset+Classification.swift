extension Dataset {
    /// The number of classes, for a model that only classifies.
    ///
    /// - Parameter model: the model's name, for the message.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for regression data.
    public func classCount(requiredBy model: String) throws -> Int {
        guard case .classification(let classes) = task else {
            throw ProblemsError.invalidArgument(
                problem: model,
                argument: "data",
                value: "regression",
                expected: "classification data"
            )
        }
        return classes
    }

    /// The class of every row, in row order (classification only).
    public var labels: [Int] { targets.map { Int($0) } }
}

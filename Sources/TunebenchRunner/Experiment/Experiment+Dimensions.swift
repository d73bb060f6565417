import TunebenchCore

extension Experiment {
    /// Each problem's dimension: the number of parameters of its search space, read from its instance built with
    /// seed 0, as ``gradientTrack(in:)`` builds them (an instance seed moves the optimum, never the space). A
    /// plugin problem is started for this and released at once.
    /// - Parameters:
    ///   - registry: the registry the experiment's entries are in.
    ///   - file: the experiment file the experiment was read from (a result folder's `experiment.json`), for the
    ///     error.
    /// - Returns: problem label → dimension, for every problem of the experiment.
    /// - Throws: ``RunnerError/invalidExperiment(file:field:value:reason:)`` naming `file` and the first problem
    ///   that cannot be built (`problems[i]`, its label) with the factory's error.
    public func problemDimensions(in registry: Registry, file: String) throws -> [String: Int] {
        var dimensions: [String: Int] = [:]
        for (index, spec) in problems.enumerated() {
            do {
                dimensions[spec.label] = try registry.makeProblemShape(spec).space.dimension
            } catch {
                throw RunnerError.invalidExperiment(
                    file: file, field: "problems[\(index)]", value: "\"\(spec.label)\"",
                    reason: "the problem cannot be built to read its dimension: \(error)")
            }
        }
        return dimensions
    }
}

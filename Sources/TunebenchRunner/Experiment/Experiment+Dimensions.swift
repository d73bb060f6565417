import TunebenchCore

extension Experiment {
    /// Each problem's dimension: the number of parameters of its search space, read from its instance built with
    /// seed 0, as ``gradientTrack(in:)`` builds them (an instance seed moves the optimum, never the space). A
    /// plugin problem is started for this and released at once.
    /// - Parameter registry: the registry the experiment's entries are in.
    /// - Returns: problem label → dimension, for every problem of the experiment.
    /// - Throws: ``RunnerError/unusableEntry(field:label:reason:)`` naming the first problem that cannot be built.
    public func problemDimensions(in registry: Registry) throws -> [String: Int] {
        var dimensions: [String: Int] = [:]
        for (index, spec) in problems.enumerated() {
            do {
                dimensions[spec.label] = try registry.makeProblem(spec, seed: 0).space.dimension
            } catch {
                throw RunnerError.unusableEntry(field: "problems[\(index)]", label: spec.label, reason: "\(error)")
            }
        }
        return dimensions
    }
}

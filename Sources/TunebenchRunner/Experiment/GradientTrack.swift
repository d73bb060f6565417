import TunebenchCore

/// Which (problem, optimizer) pairs of an experiment are in the gradient track: the optimizer reads gradients with
/// its options (``OptimizerEntry/track``) and the problem provides them (``Problem/providesGradient``). On a problem
/// without gradients, such an optimizer estimates them from evaluations and is a black-box method like the others.
///
/// Summaries mark these pairs (`"track": "gradient"`), never best; tables and reports show them apart.
public struct GradientTrack: Sendable, Hashable {
    /// Problem label → optimizer labels in the gradient track on it.
    public private(set) var pairs: [String: Set<String>]

    public init(_ pairs: [String: Set<String>] = [:]) {
        self.pairs = pairs.filter { !$0.value.isEmpty }
    }

    public static let none = GradientTrack()

    public var isEmpty: Bool { pairs.isEmpty }

    public func contains(problem: String, optimizer: String) -> Bool {
        pairs[problem]?.contains(optimizer) ?? false
    }

    /// Every optimizer of the track, on every problem of `problems`: for aggregates across problems, which must not
    /// mix an optimizer's gradient results with its black-box ones.
    public func everywhere(problems: [String]) -> GradientTrack {
        let optimizers = pairs.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        return GradientTrack(Dictionary(uniqueKeysWithValues: problems.map { ($0, optimizers) }))
    }

    /// Both tracks' pairs.
    public func union(_ other: GradientTrack) -> GradientTrack {
        GradientTrack(pairs.merging(other.pairs) { $0.union($1) })
    }
}

extension Experiment {
    /// The gradient track of the experiment: each optimizer whose entry reads gradients with its options, on each
    /// problem whose instance (built with seed 0) provides them. Problems are built only when some optimizer may read
    /// gradients; an entry `registry` does not know, or a problem that cannot be built, counts as black-box (the run
    /// itself reports such an entry).
    public func gradientTrack(in registry: Registry) -> GradientTrack {
        var readers: [String] = []
        for spec in optimizers {
            guard let entry = try? registry.optimizer(named: spec.name),
                let options = try? Options.resolve(spec.options, specs: entry.options, entry: spec.name)
            else { continue }
            if entry.track(options) == .gradient { readers.append(spec.label) }
        }
        guard !readers.isEmpty else { return .none }
        var pairs: [String: Set<String>] = [:]
        for spec in problems {
            guard let problem = try? registry.makeProblemShape(spec), problem.providesGradient else { continue }
            pairs[spec.label] = Set(readers)
        }
        return GradientTrack(pairs)
    }
}

import TunebenchCore

extension Experiment {
    /// The reference front of a problem of this experiment for the summaries' IGD+ (``Aggregator/referenceFront``):
    /// the problem's ``TunebenchCore/Problem/referenceFront``, built from `registry` as its shape
    /// (``TunebenchCore/Registry/makeProblemShape(_:)``), for an entry that may know it
    /// (``TunebenchCore/ProblemEntry/providesReferenceFront``); `nil` otherwise or when it cannot be built. The
    /// aggregator asks it only for the problems whose runs have several objectives.
    public static func referenceFront(in registry: Registry) -> @Sendable (EntrySpec) -> [[Double]]? {
        { spec in
            guard (try? registry.problem(named: spec.name))?.providesReferenceFront == true else { return nil }
            return (try? registry.makeProblemShape(spec))?.referenceFront
        }
    }
}

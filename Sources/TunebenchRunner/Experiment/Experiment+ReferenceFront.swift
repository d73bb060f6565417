import TunebenchCore

extension Experiment {
    /// The reference front of a problem of this experiment for the summaries' IGD+ (``Aggregator/referenceFront``):
    /// the problem's ``TunebenchCore/Problem/referenceFront``, built from `registry` as its shape
    /// (``TunebenchCore/Registry/makeProblemShape(_:)``); `nil` when it cannot be built or has none. The aggregator
    /// asks it only for the problems whose runs have several objectives.
    public static func referenceFront(in registry: Registry) -> @Sendable (EntrySpec) -> [[Double]]? {
        { spec in (try? registry.makeProblemShape(spec))?.referenceFront }
    }
}

import TunebenchCore

extension Experiment {
    /// The labels of the experiment's optimizers that are in the gradient track (``OptimizerTrack/gradient``) with
    /// their options: they read the problems' gradients, so summaries and reports show them apart from the black-box
    /// methods and never mark them best. An entry `registry` does not know, or whose options do not resolve, counts
    /// as black-box (the run itself reports such an entry).
    public func gradientTrack(in registry: Registry) -> Set<String> {
        var labels: Set<String> = []
        for spec in optimizers {
            guard let entry = try? registry.optimizer(named: spec.name),
                let options = try? Options.resolve(spec.options, specs: entry.options, entry: spec.name)
            else { continue }
            if entry.track(options) == .gradient { labels.insert(spec.label) }
        }
        return labels
    }
}

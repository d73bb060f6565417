import TunebenchCore

extension OptimizerConformance {
    /// The number of trials the parallel check keeps pending at once.
    static let parallelWorkers = 4

    /// Runs one optimizer as a parallel run would: up to ``parallelWorkers`` trials pending, the results told out of
    /// ask order, and records broken rules.
    ///
    /// The harness asks until `parallelWorkers` trials are pending or `ask` answers `nil`, then tells one pending
    /// trial, chosen by its position `(7 k) mod p` among the `p` pending ones at the `k`-th tell (so neither first
    /// in, first out nor last in, first out), with ``Observation/trial`` set; every third evaluation fails, as in
    /// the sequential check. `nil` with trials pending means "wait for a tell"; `nil` with none pending ends the
    /// run, after which `ask` must keep answering `nil`. With `distinctPending`, a suggestion must not repeat the
    /// configuration (and level) of a pending one.
    /// - Returns: the suggestions in ask order, or `nil` if the run threw or broke a rule.
    static func runParallel(
        _ factory: (OptimizerContext) throws -> any Optimizer, _ context: OptimizerContext, label: String,
        distinctPending: Bool = false, into failures: inout [ConformanceFailure]
    ) -> [Suggestion]? {
        let place = "\(label), seed \(context.seed), \(parallelWorkers) pending trials"
        var suggestions: [Suggestion] = []
        var pending: [(trial: Int, suggestion: Suggestion)] = []
        var tells = 0
        do {
            var optimizer = try factory(context)
            while true {
                while pending.count < parallelWorkers, let suggestion = try optimizer.ask() {
                    if let broken = brokenRule(suggestion, number: suggestions.count, context, place: place) {
                        failures.append(broken)
                        return nil
                    }
                    if distinctPending, let twin = pending.first(where: {
                        $0.suggestion.configuration == suggestion.configuration
                            && $0.suggestion.fidelity == suggestion.fidelity
                    }) {
                        failures.append(
                            .init(
                                check: "never suggests a pending configuration again", context: place,
                                message: "suggestion \(suggestions.count) repeats suggestion \(twin.trial), which is "
                                    + "still pending"))
                        return nil
                    }
                    pending.append((suggestions.count, suggestion))
                    suggestions.append(suggestion)
                }
                guard !pending.isEmpty else { break }
                let (trial, suggestion) = pending.remove(at: (7 * tells) % pending.count)
                tells += 1
                let value: Double? = tells % 3 == 0 ? nil : objective(suggestion, context)
                try optimizer.tell(Observation(suggestion, value: value, trial: trial))
            }
            for _ in 0..<2 where try optimizer.ask() != nil {
                failures.append(
                    .init(
                        check: "stays done after nil", context: place,
                        message: "ask returned a suggestion after returning nil with no trial pending"))
                return nil
            }
        } catch {
            failures.append(.init(check: "accepts tells in any order", context: place, message: "threw \(error)"))
            return nil
        }
        return suggestions
    }

    /// The parallel checks on one space: the run of ``runParallel(_:_:label:into:)`` keeps the rules, and the same
    /// seed gives the same suggestions.
    static func checkParallel(
        _ context: OptimizerContext, label: String, distinctPending: Bool = false,
        factory: (OptimizerContext) throws -> any Optimizer, into failures: inout [ConformanceFailure]
    ) {
        guard
            let first = runParallel(
                factory, context, label: label, distinctPending: distinctPending, into: &failures),
            let again = runParallel(
                factory, context, label: label, distinctPending: distinctPending, into: &failures)
        else { return }
        if first != again {
            failures.append(
                .init(
                    check: "same seed gives the same trace", context: "\(label), \(parallelWorkers) pending trials",
                    message: "two runs with seed \(context.seed) differ at suggestion "
                        + "\(firstDifference(first, again))"))
        }
    }
}

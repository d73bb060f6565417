import Foundation
import TunebenchCore

/// Collects the problems' aggregations from the worker threads and writes their rows of `evaluations.csv`,
/// `traces.csv` and (noisy problems) `traces-recommended.csv` in plan order as soon as the next problem is done, so
/// that finished problems do not pile up in memory; keeps their summaries and curve files (written, closed, not yet
/// renamed) for the end.
///
/// `@unchecked Sendable`: every member is touched under `lock` only.
final class AggregateWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let evaluations: AtomicFile
    private let steps: AtomicFile
    private let recommendedSteps: AtomicFile
    private var claimed = 0
    private var written = 0
    private var waiting: [Int: ProblemAggregation] = [:]
    /// The first error by problem index; no problem is claimed after one.
    private var failure: (index: Int, error: any Error)?

    private(set) var summaries: [ProblemSummary] = []
    private(set) var failures: [FailedRun] = []
    private(set) var timings: [TimingSummary] = []
    private(set) var counts = (complete: 0, failed: 0, missing: 0)
    /// The curve files of the problems written so far.
    private(set) var outputs: [AtomicFile] = []
    /// The labels of the noisy problems written so far, whose rows went to `traces-recommended.csv`.
    private(set) var noisyProblems: [String] = []
    /// The problems where some trial failed, which have a failed-share curve (``Aggregator/failureCurves``).
    private(set) var failingProblems: [String] = []

    init(problems count: Int, evaluations: AtomicFile, steps: AtomicFile, recommendedSteps: AtomicFile) {
        self.count = count
        self.evaluations = evaluations
        self.steps = steps
        self.recommendedSteps = recommendedSteps
    }

    /// The next problem to aggregate, or `nil` when none is left or a problem failed.
    func claim() -> Int? {
        lock.withLock {
            guard failure == nil, claimed < count else { return nil }
            defer { claimed += 1 }
            return claimed
        }
    }

    /// The outputs that problem `index`'s rows may be appended to at once, while it is being aggregated: when every
    /// problem before it has been written (and none has failed), nothing else writes to them until it is handed in.
    func outputs(ifNext index: Int) -> (evaluations: AtomicFile, steps: AtomicFile)? {
        lock.withLock { failure == nil && written == index ? (evaluations, steps) : nil }
    }

    /// Takes problem `index`'s aggregation (or its error) and writes every problem that is next in order.
    func hand(_ index: Int, _ result: Result<ProblemAggregation, any Error>) {
        lock.withLock {
            switch result {
            case .success(let part): waiting[index] = part
            case .failure(let error): fail(index, error)
            }
            while failure.map({ $0.index > written }) ?? true, let part = waiting.removeValue(forKey: written) {
                do {
                    try part.evaluationRows.copy(into: evaluations)
                    try part.stepRows.copy(into: steps)
                    if part.summary.noisy == true { try part.recommendedStepRows.copy(into: recommendedSteps) }
                } catch {
                    fail(written, error)
                    break
                }
                summaries.append(part.summary)
                failures += part.failures
                timings += part.timings
                counts.complete += part.complete
                counts.failed += part.failed
                counts.missing += part.missing
                outputs += part.outputs
                if part.summary.noisy == true { noisyProblems.append(part.summary.problem) }
                if part.summary.optimizers.contains(where: { $0.failedTrials != nil }) {
                    failingProblems.append(part.summary.problem)
                }
                written += 1
            }
        }
    }

    /// Throws the first error in plan order; every problem before a failing one has been handed in by then, so it is
    /// always the same error.
    func finish() throws {
        try lock.withLock {
            if let failure { throw failure.error }
            precondition(written == count && waiting.isEmpty, "every problem is written before the end")
        }
    }

    /// Drops the aggregations not written (their scratch files go with them) and abandons the curve files.
    func discard() {
        lock.withLock {
            waiting = [:]
            for output in outputs { output.discard() }
        }
    }

    private func fail(_ index: Int, _ error: any Error) {
        if failure.map({ index < $0.index }) ?? true { failure = (index, error) }
    }
}

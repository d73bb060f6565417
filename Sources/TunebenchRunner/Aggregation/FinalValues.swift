import Foundation
import TunebenchCore

/// The final regret (or best value, when the optimum is unknown) of every complete run of a result folder, by
/// problem and optimizer in the experiment's order: what significance tests compare. As in the aggregates, a run's
/// best is its lowest true (noiseless) value at full fidelity (``TunebenchCore/RunRecord/countedValue(_:)``).
public struct FinalValues: Sendable {
    public struct Sample: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// One value per complete run, by repetition.
        public var values: [Double]
    }

    public var samples: [Sample]

    /// Streams the run files of `experiment` in `store`, one at a time; missing and failed runs are left out.
    /// - Throws: `RunnerError.foreignRunFile` for a run file of another experiment, or a read error.
    public init(experiment: Experiment, store: ResultStore) throws {
        let plan = Plan(experiment)
        let perProblem = experiment.optimizers.count * experiment.repetitions
        var samples: [Sample] = []
        for (problemIndex, problem) in experiment.problems.enumerated() {
            let runs = plan.runs[problemIndex * perProblem..<(problemIndex + 1) * perProblem]
            for (optimizerIndex, optimizer) in experiment.optimizers.enumerated() {
                var values: [Double] = []
                for repetition in 0..<experiment.repetitions {
                    let run = runs[runs.startIndex + optimizerIndex * experiment.repetitions + repetition]
                    var best = Double.infinity
                    let read = try store.stream(run) { record, trial in
                        if let value = record.countedValue(trial), value < best { best = value }
                    }
                    guard let record = read else { continue }
                    if let mismatch = Aggregator.mismatch(record, run, experiment) {
                        throw RunnerError.foreignRunFile(path: store.runURL(run).path, mismatch: mismatch)
                    }
                    guard record.status == .complete else { continue }
                    values.append(best - (record.optimum ?? 0))
                }
                samples.append(Sample(problem: problem.label, optimizer: optimizer.label, values: values))
            }
        }
        self.samples = samples
    }
}

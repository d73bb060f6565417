import Foundation
import TunebenchCore

/// The final regret (or best value, when the optimum is unknown) of every complete run of a result folder, by
/// problem and optimizer in the experiment's order: what significance tests compare. As in the aggregates, a run's
/// best is its lowest true (noiseless) value at full fidelity (``TunebenchCore/RunRecord/bestTrueValue``).
public struct FinalValues: Sendable {
    public struct Sample: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// One value per complete run, by repetition.
        public var values: [Double]
    }

    public var samples: [Sample]

    /// Reads the run files of `experiment` in `store`; missing and failed runs are left out.
    /// - Throws: `RunnerError.foreignRunFile` for a run file of another experiment, or a read error.
    public init(experiment: Experiment, store: ResultStore, jobs: Int = 2) throws {
        let plan = Plan(experiment)
        let perProblem = experiment.optimizers.count * experiment.repetitions
        var samples: [Sample] = []
        for (problemIndex, problem) in experiment.problems.enumerated() {
            let runs = Array(plan.runs[problemIndex * perProblem..<(problemIndex + 1) * perProblem])
            let records = try RecordLoader.load(runs, from: store, jobs: jobs)
            for (optimizerIndex, optimizer) in experiment.optimizers.enumerated() {
                var values: [Double] = []
                for repetition in 0..<experiment.repetitions {
                    let index = optimizerIndex * experiment.repetitions + repetition
                    guard let record = records[index] else { continue }
                    if let mismatch = Aggregator.mismatch(record, runs[index], experiment) {
                        throw RunnerError.foreignRunFile(path: store.runURL(runs[index]).path, mismatch: mismatch)
                    }
                    guard record.status == .complete else { continue }
                    values.append(record.bestTrueValue - (record.optimum ?? 0))
                }
                samples.append(Sample(problem: problem.label, optimizer: optimizer.label, values: values))
            }
        }
        self.samples = samples
    }
}

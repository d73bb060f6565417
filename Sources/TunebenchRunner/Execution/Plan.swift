import TunebenchCore

/// One run of an experiment: an optimizer on one instance of a problem.
public struct PlannedRun: Sendable, Hashable {
    /// Position in the plan, from 0; shards are taken by this index.
    public var index: Int
    public var problem: EntrySpec
    public var optimizer: EntrySpec
    public var repetition: Int

    /// The instance seed: shared by every optimizer of the same problem and repetition.
    public func instanceSeed(experimentSeed: UInt64) -> UInt64 {
        SeedDerivation.instanceSeed(experiment: experimentSeed, problem: problem.seedLabel, repetition: repetition)
    }

    /// The optimizer seed.
    public func optimizerSeed(experimentSeed: UInt64) -> UInt64 {
        SeedDerivation.optimizerSeed(
            experiment: experimentSeed, optimizer: optimizer.label, problem: problem.seedLabel, repetition: repetition)
    }
}

/// The ordered list of runs of an experiment: problems, then optimizers, then repetitions.
///
/// The order is fixed by the experiment alone, so shards and resumed runs agree on what run `i` is.
public struct Plan: Sendable {
    public let runs: [PlannedRun]

    public init(_ experiment: Experiment) {
        var runs: [PlannedRun] = []
        runs.reserveCapacity(experiment.runCount)
        for problem in experiment.problems {
            for optimizer in experiment.optimizers {
                for repetition in 0..<experiment.repetitions {
                    runs.append(
                        PlannedRun(index: runs.count, problem: problem, optimizer: optimizer, repetition: repetition))
                }
            }
        }
        self.runs = runs
    }

    /// The runs of `shard`, or all runs when `shard` is `nil`.
    public func runs(in shard: Shard?) -> [PlannedRun] {
        guard let shard else { return runs }
        return runs.filter { shard.contains($0.index) }
    }
}

/// A stable part of a plan for batch-scheduler array jobs: shard `k` of `n` holds the runs whose plan index `i`
/// has `i mod n == k - 1`. The shards partition the plan, and their union is the whole experiment.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// From 1 to `count`.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else { throw RunnerError.invalidShard("\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `k/n`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw RunnerError.invalidShard(text)
        }
        do {
            try self.init(index: k, count: n)
        } catch {
            throw RunnerError.invalidShard(text)
        }
    }

    public func contains(_ runIndex: Int) -> Bool {
        runIndex % count == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}

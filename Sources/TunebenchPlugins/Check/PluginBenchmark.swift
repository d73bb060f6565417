import Foundation
import TunebenchCore
import TunebenchNumerics

/// Measures what the protocol costs: a solver plugin's start-up (process start to `SOLVER_SPEC_CAST`) and the
/// round trip of one ask and one tell, for `tunebench bench plugin`.
public enum PluginBenchmark {
    /// Timings in seconds.
    public struct Result: Sendable {
        /// One per start.
        public var startups: [Double]
        /// One per ask-and-tell round trip, the solver's own work included.
        public var roundTrips: [Double]
        public var solver: SolverSpecification
    }

    /// Starts the solver `starts` times, then runs `rounds` ask/tell rounds on a 2-D continuous space (Branin's
    /// bounds), telling a value computed in the harness.
    public static func measure(_ command: PluginCommand, starts: Int, rounds: Int) throws -> Result {
        let clock = ContinuousClock()
        var startups: [Double] = []
        var client: SolverClient?
        for _ in 0..<max(starts, 1) {
            let begin = clock.now
            let started = try SolverClient(command)
            startups.append((clock.now - begin).inSeconds)
            client?.connection.close()
            client = started
        }
        let solver = client!
        defer { solver.connection.close() }
        let space = try SearchSpace([.real("x1", lower: -5, upper: 10), .real("x2", lower: 0, upper: 15)])
        try solver.createSolver(id: 0, seed: 1, problem: ProblemSpecification(space: space, name: "bench"))
        var roundTrips: [Double] = []
        var nextTrialID = 0
        for _ in 0..<rounds {
            let begin = clock.now
            let proposal = try solver.ask(solver: 0, nextTrialID: nextTrialID)
            let values = proposal.params.map { $0.doubleValue ?? 0 }
            try solver.tell(
                solver: 0, trialID: proposal.trialID, values: [values.reduce(0) { $0 + $1 * $1 }],
                currentStep: proposal.nextStep ?? 1)
            roundTrips.append((clock.now - begin).inSeconds)
            nextTrialID = proposal.nextTrialID
        }
        return Result(startups: startups, roundTrips: roundTrips, solver: solver.spec)
    }
}

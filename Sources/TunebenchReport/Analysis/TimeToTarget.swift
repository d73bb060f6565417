/// COCO's expected running time to reach a target, per problem and optimizer (N. Hansen, A. Auger, S. Finck and
/// R. Ros, "Real-parameter black-box optimization benchmarking 2009: experimental setup", INRIA research report
/// RR-6828, 2009).
///
/// For the targets `t_k` of ``DataProfile`` with `k` in ``exponents`` (gaps `τ = 10^−1, 10^−3, 10^−5` of the typical
/// single-evaluation gap), over an optimizer's complete runs,
///
///     ERT = (Σ_{runs that reach} firstReach(t_k) + Σ_{runs that do not} end) / #(runs that reach),
///
/// the evaluations (or cost, or simulated seconds) spent in total per success, as if unsuccessful runs were restarted
/// until one succeeds. On the time axis an unsuccessful run spends ``spent(_:budget:timeBudget:)``: the time budget
/// when the run was cut by it (fewer evaluations than the budget), since its workers were busy until then with trials
/// that were not recorded; otherwise its last completion.
/// It is infinite (`nil`) when no run reaches the target. Only complete runs count; the planned repetitions are
/// given beside them so that a report can say when failed or missing runs are not part of the estimate.
public struct TimeToTarget: Sendable, Hashable {
    /// The ERT of one optimizer for one target of one problem.
    public struct Entry: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// The exponent `k` of the target's fraction `τ = 10^(−k/2)`.
        public var exponent: Int
        /// The target `t_k`.
        public var target: Double
        /// The expected running time, in evaluations, cost or simulated seconds; `nil` (infinite) when no run reaches the target.
        public var ert: Double?
        /// The complete runs that reach the target.
        public var successes: Int
        /// The complete runs.
        public var runs: Int
        /// The repetitions the experiment planned.
        public var plannedRuns: Int
    }

    /// The axis whose positions the running times count: evaluations, cost or simulated seconds.
    public var kind: ReportAxis.Kind
    /// The targets of the problems that have them, in the experiment's order.
    public var targets: [DataProfile.Targets]
    /// The problems left out (no targets), in the experiment's order, with the reason.
    public var excluded: [ExcludedProblem]
    /// By problem (experiment order), target (order of ``exponents``), then optimizer (experiment order).
    public var entries: [Entry]

    /// The exponents of the targets reported: `τ = 10^−1, 10^−3, 10^−5`.
    public static let exponents = [2, 6, 10]

    /// What an unsuccessful run spent on `kind`: its end, except on the time axis with a time budget, where a run
    /// with fewer evaluations than `budget` was cut by the time budget and spent all of it.
    static func spent(_ run: RunTrace, on kind: ReportAxis.Kind, budget: Int?, timeBudget: Double?) -> Double {
        let end = run.end(on: kind)
        guard kind == .time, let budget, let timeBudget, run.evaluations < budget else { return end }
        return max(end, timeBudget)
    }

    /// The expected running time of `runs` to `target`, with the number of runs that reach it.
    /// - Parameters:
    ///   - budget: the evaluation budget, and `timeBudget` the time budget, for the time axis
    ///     (``spent(_:on:budget:timeBudget:)``).
    /// - Returns: ERT (`nil` without a success) and the successes.
    public static func expectedRunningTime(
        _ runs: [RunTrace], target: Double, on kind: ReportAxis.Kind, budget: Int? = nil, timeBudget: Double? = nil
    ) -> (ert: Double?, successes: Int) {
        var spent = 0.0
        var successes = 0
        for run in runs {
            if let reach = run.firstReach(target, on: kind) {
                spent += reach
                successes += 1
            } else {
                spent += Self.spent(run, on: kind, budget: budget, timeBudget: timeBudget)
            }
        }
        return (successes == 0 ? nil : spent / Double(successes), successes)
    }

    /// Computes the ERT of every optimizer for the targets of ``exponents`` on every problem that has targets.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - kind: count running time in evaluations, cost or simulated seconds.
    ///   - budget: the evaluation budget, and `timeBudget` the time budget (for the time axis).
    /// - Complexity: O(runs · steps).
    public static func compute(
        _ problems: [ProblemRuns], on kind: ReportAxis.Kind, budget: Int? = nil, timeBudget: Double? = nil
    ) -> TimeToTarget {
        let labels = problems.optimizerLabels
        var targets: [DataProfile.Targets] = []
        var excluded: [ExcludedProblem] = []
        var entries: [Entry] = []
        for problem in problems {
            switch DataProfile.targets(of: problem) {
            case .excluded(let reason): excluded.append(reason)
            case .included(let found):
                targets.append(found)
                for k in exponents {
                    guard let target = found.target(k) else { continue }
                    for label in labels {
                        let runs = problem.runs(of: label)
                        let (ert, successes) = expectedRunningTime(
                            runs, target: target, on: kind, budget: budget, timeBudget: timeBudget)
                        entries.append(
                            Entry(
                                problem: problem.problem, optimizer: label, exponent: k, target: target, ert: ert,
                                successes: successes, runs: runs.count, plannedRuns: problem.repetitions))
                    }
                }
            }
        }
        return TimeToTarget(kind: kind, targets: targets, excluded: excluded, entries: entries)
    }
}

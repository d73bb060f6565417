import Foundation
import TunebenchNumerics

/// COCO-style data profiles: for each optimizer, the fraction of (problem, target, repetition) triples solved once
/// `x` evaluations (or a cost of `x`) have been spent — the empirical cumulative distribution of runtimes to reach
/// the targets (N. Hansen et al., "COCO: a platform for comparing continuous optimizers in a black-box setting",
/// Optim. Methods Softw. 36(1), 2021), with targets relative to a reference value as in J. J. Moré and S. M. Wild,
/// "Benchmarking derivative-free optimization algorithms", SIAM J. Optim. 20(1), 2009.
///
/// Targets of a problem: with `f_L` the lowest reachable metric (0 for a regret, else the lowest final metric of any
/// run on the problem) and `f₀` the median over its optimizers of their `evaluationMedian` (the typical metric of a
/// single evaluation; finite values only),
///
///     t_k = f_L + (f₀ − f_L) · 10^(−k/2),   k = 1, …, 12,
///
/// that is, the gap to `f_L` closed to the fractions `τ = 10^−0.5, 10^−1, …, 10^−6` of the typical starting gap. A
/// problem with `f₀ ≤ f_L`, or without any finite `f₀` or `f_L`, has no targets and is left out with a reason.
///
/// The fraction for an optimizer at `x` is
///
///     (1 / Σₚ 12 Nₚ) · #{(p, k, run): firstReach(t_k) ≤ x},
///
/// where `Nₚ` is the experiment's planned repetitions of problem `p` (``ProblemRuns/repetitions``, or the number of
/// complete runs if that is larger), so that failed and missing runs count as unsolved; on the cost axis the
/// comparison allows the relative tolerance of 1e-12 of ``RunTrace/metric(at:on:)``.
public struct DataProfile: Sendable, Hashable {
    /// The targets of one problem.
    public struct Targets: Sendable, Hashable {
        public var problem: String
        /// `f_L`, the lowest reachable metric.
        public var lowest: Double
        /// `f₀`, the reference (typical single-evaluation) metric.
        public var reference: Double
        /// `t_k` for k = 1…12 (``DataProfile/exponents``), decreasing.
        public var values: [Double]

        /// The target `t_k`, for `k` in ``DataProfile/exponents``.
        public func target(_ k: Int) -> Double? {
            DataProfile.exponents.contains(k) ? values[k - DataProfile.exponents.lowerBound] : nil
        }
    }

    /// One optimizer's profile along the axis.
    public struct Curve: Sendable, Hashable {
        public var optimizer: String
        /// The fraction of triples solved at each point of the axis, in [0, 1]; empty without any problem.
        public var fractions: [Double]
        /// The number of (problem, target, repetition) triples, the denominator.
        public var triples: Int
    }

    public var axis: ReportAxis
    /// The targets of the problems that have them, in the experiment's order.
    public var targets: [Targets]
    /// The problems left out, in the experiment's order, with the reason.
    public var excluded: [ExcludedProblem]
    /// One per optimizer, in the experiment's order.
    public var curves: [Curve]

    /// The exponents `k` of the targets' fractions `τ = 10^(−k/2)`.
    public static let exponents = 1...12

    /// The fraction `τ = 10^(−k/2)` of the starting gap that target `k` leaves.
    public static func fraction(_ k: Int) -> Double {
        pow(10, -Double(k) / 2)
    }

    /// Computes the targets and the profiles at every point of `axis`.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - axis: the points at which to count solved triples.
    /// - Complexity: O(runs · (steps + 12 · points)).
    public static func compute(_ problems: [ProblemRuns], axis: ReportAxis) -> DataProfile {
        let labels = problems.optimizerLabels
        var targets: [Targets] = []
        var excluded: [ExcludedProblem] = []
        var solved = [[Int]](repeating: [Int](repeating: 0, count: axis.points.count), count: labels.count)
        var triples = [Int](repeating: 0, count: labels.count)
        for problem in problems {
            switch Self.targets(of: problem) {
            case .excluded(let reason): excluded.append(reason)
            case .included(let found):
                targets.append(found)
                for (column, label) in labels.enumerated() {
                    let runs = problem.runs(of: label)
                    triples[column] += found.values.count * max(problem.repetitions, runs.count)
                    for run in runs {
                        for target in found.values {
                            guard let reach = run.firstReach(target, on: axis.kind) else { continue }
                            for (k, x) in axis.points.enumerated() where axis.kind.reached(reach, by: x) {
                                solved[column][k] += 1
                            }
                        }
                    }
                }
            }
        }
        let curves = labels.indices.map { i in
            Curve(
                optimizer: labels[i],
                fractions: triples[i] == 0 ? [] : solved[i].map { Double($0) / Double(triples[i]) },
                triples: triples[i])
        }
        return DataProfile(axis: axis, targets: targets, excluded: excluded, curves: curves)
    }

    /// The targets of a problem, or why it has none.
    static func targets(of problem: ProblemRuns) -> ProblemOutcome<Targets> {
        func excluded(_ reason: String) -> ProblemOutcome<Targets> {
            .excluded(ExcludedProblem(problem: problem.problem, reason: reason))
        }
        let lowest = problem.isRegret ? 0 : problem.lowestFinal ?? .infinity
        guard lowest.isFinite else { return excluded("no run reached a finite \(problem.metric)") }
        let medians = problem.optimizers.compactMap(\.evaluationMedian).filter(\.isFinite)
        guard !medians.isEmpty else { return excluded("no optimizer has a finite median single-evaluation metric") }
        let reference = Statistics.median(medians)
        guard reference > lowest else {
            return excluded(
                "the median single-evaluation \(problem.metric) \(reference) is not above the lowest \(lowest)")
        }
        let values = exponents.map { lowest + (reference - lowest) * fraction($0) }
        return .included(Targets(problem: problem.problem, lowest: lowest, reference: reference, values: values))
    }
}

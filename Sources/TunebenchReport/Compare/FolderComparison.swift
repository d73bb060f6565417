import TunebenchNumerics

/// Which optimizer and problem pairs got significantly better or worse between two result folders of the same
/// experiment design (a baseline, say from the last release, and a new run): for every (problem, optimizer) label
/// pair present in both, the two-sided Mann–Whitney U test of the final values (``RunTrace/final``) of the
/// complete runs, with Holm's correction over the optimizers of each problem (family-wise error rate `alpha` per
/// problem: a folder-wide family would make differences undetectable with the usual 10 repetitions, whose
/// smallest attainable p-value is about 1.8e-4).
///
/// A pair is `worse` when its adjusted p-value is below `alpha` and the new values tend to be larger
/// (U of the new sample above n₁n₂/2), `better` when they tend to be smaller, else `same`. With
/// `minimumChange` > 0, a significant pair whose median moved by less than that fraction of the baseline's median
/// (in absolute value) is also `same`, like package-benchmark's relative thresholds.
public struct FolderComparison: Sendable {
    public enum Verdict: String, Sendable, Hashable {
        case better, same, worse
        /// A pair without at least two complete runs on both sides: it cannot be shown unchanged, so a gate fails on it.
        case untested
    }

    public struct Pair: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        public var baselineRuns: Int
        public var newRuns: Int
        public var baselineMedian: Double?
        public var newMedian: Double?
        public var p: Double?
        public var adjustedP: Double?
        public var verdict: Verdict
    }

    public var pairs: [Pair]
    /// Labels in one folder only, as `problem/optimizer`.
    public var onlyInBaseline: [String]
    public var onlyInNew: [String]

    public init(baseline: [ProblemRuns], new: [ProblemRuns], alpha: Double, minimumChange: Double = 0) {
        var pairs: [Pair] = []
        var tested: [(index: Int, p: Double, newTendsLower: Bool, problem: String)] = []
        var onlyInBaseline: [String] = []
        var onlyInNew: [String] = []
        let baselineIndex = Dictionary(baseline.map { ($0.problem, $0) }, uniquingKeysWith: { a, _ in a })
        let newIndex = Dictionary(new.map { ($0.problem, $0) }, uniquingKeysWith: { a, _ in a })
        for problem in baseline {
            guard let other = newIndex[problem.problem] else {
                onlyInBaseline += problem.optimizers.map { "\(problem.problem)/\($0.optimizer)" }
                continue
            }
            for optimizer in problem.optimizers {
                guard let newRuns = other.optimizers.first(where: { $0.optimizer == optimizer.optimizer }) else {
                    onlyInBaseline.append("\(problem.problem)/\(optimizer.optimizer)")
                    continue
                }
                let a = optimizer.runs.map(\.final)
                let b = newRuns.runs.map(\.final)
                var pair = Pair(
                    problem: problem.problem, optimizer: optimizer.optimizer, baselineRuns: a.count, newRuns: b.count,
                    baselineMedian: a.isEmpty ? nil : Statistics.median(a),
                    newMedian: b.isEmpty ? nil : Statistics.median(b), p: nil, adjustedP: nil, verdict: .untested)
                if a.count >= 2 && b.count >= 2 {
                    let test = MannWhitneyU.test(b, a)
                    pair.p = test.pTwoSided
                    tested.append(
                        (pairs.count, test.pTwoSided, test.statistic < Double(a.count * b.count) / 2, problem.problem))
                }
                pairs.append(pair)
            }
            for optimizer in other.optimizers where !problem.optimizers.contains(where: { $0.optimizer == optimizer.optimizer }) {
                onlyInNew.append("\(problem.problem)/\(optimizer.optimizer)")
            }
        }
        for problem in new where baselineIndex[problem.problem] == nil {
            onlyInNew += problem.optimizers.map { "\(problem.problem)/\($0.optimizer)" }
        }
        var adjusted = [Double](repeating: 1, count: tested.count)
        for problem in baseline.map(\.problem) {
            let members = tested.indices.filter { tested[$0].problem == problem }
            for (k, value) in zip(members, HolmCorrection.adjusted(members.map { tested[$0].p })) { adjusted[k] = value }
        }
        for (k, entry) in tested.enumerated() {
            pairs[entry.index].adjustedP = adjusted[k]
            var verdict: Verdict = adjusted[k] < alpha ? (entry.newTendsLower ? .better : .worse) : .same
            if verdict != .same, minimumChange > 0, let old = pairs[entry.index].baselineMedian,
                let current = pairs[entry.index].newMedian
            {
                let change = abs(current - old)
                if !(change >= minimumChange * abs(old)) { verdict = .same }
            }
            pairs[entry.index].verdict = verdict
        }
        self.pairs = pairs
        self.onlyInBaseline = onlyInBaseline
        self.onlyInNew = onlyInNew
    }
}

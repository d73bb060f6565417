import TunebenchCore
import TunebenchNumerics
import TunebenchRunner

/// Which optimizer and problem pairs got significantly better or worse between two result folders of the same
/// experiment design (a baseline, say from the last release, and a new run): for every (problem, optimizer) label
/// pair present in both, a two-sided test of the final values (``RunTrace/final``) of the complete runs, with Holm's
/// correction over the optimizers of each problem (family-wise error rate `alpha` per problem: a folder-wide family
/// would make differences undetectable with the usual 10 repetitions).
///
/// **Paired or not.** Two folders of one experiment run with the same seed ran the same problem instances,
/// repetition by repetition (an instance seed derives from the experiment seed, the problem label and the
/// repetition), so their runs pair by repetition, and the test is the Wilcoxon signed-rank test of the differences
/// `new − baseline` over the repetitions complete in both (``PairedFinals``, ``WilcoxonSignedRank``); the same code
/// on the same instances then gives zero differences, and `same`. Folders with different seeds ran other instances:
/// their runs are two independent samples, and the test is the Mann–Whitney U test (``MannWhitneyU``).
/// ``pairingObstacle(baseline:new:)`` says which applies.
///
/// A pair is `worse` when its adjusted p-value is below `alpha` and the new values tend to be larger (paired:
/// `W⁺ > W⁻`; unpaired: the new sample's U above n₁n₂/2), `better` when they tend to be smaller, else `same`. With
/// `minimumChange` > 0, a significant pair whose median moved by less than that fraction of the baseline's median
/// (in absolute value) is also `same`, like package-benchmark's relative thresholds. A pair without two complete runs
/// on each side, or (paired) two repetitions complete on both, is `untested`.
public struct FolderComparison: Sendable {
    public enum Verdict: String, Sendable, Hashable {
        case better, same, worse
        /// A pair without at least two complete runs on both sides: it cannot be shown unchanged, so a gate fails on it.
        case untested
    }

    /// The test of every pair.
    public enum Test: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The Wilcoxon signed-rank test of the finals paired by repetition.
        case paired
        /// The Mann–Whitney U test of the two samples of finals.
        case unpaired

        /// Its name in a sentence.
        public var description: String {
            switch self {
            case .paired: "Wilcoxon signed-rank test, paired by repetition"
            case .unpaired: "Mann–Whitney U test, unpaired"
            }
        }
    }

    public struct Pair: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        public var baselineRuns: Int
        public var newRuns: Int
        /// The repetitions complete in both folders (the pairs of a paired test), or `nil` for an unpaired test.
        public var pairs: Int?
        /// The medians of all complete runs of each folder.
        public var baselineMedian: Double?
        public var newMedian: Double?
        public var p: Double?
        public var adjustedP: Double?
        public var verdict: Verdict
    }

    /// The test of every pair.
    public var test: Test
    public var pairs: [Pair]
    /// Labels in one folder only, as `problem/optimizer`.
    public var onlyInBaseline: [String]
    public var onlyInNew: [String]
    /// The problems on which no tested pair could be significant, however large its change: Holm's first step
    /// multiplies the smallest p-value by the family's size, and the test of a pair's runs cannot go below
    /// ``smallestP(baselineRuns:newRuns:pairs:)`` (paired: `2/2ⁿ` for `n` pairs). A `same` there means "too few
    /// repetitions".
    public var powerless: [String]

    /// Compares the runs of two folders.
    /// - Parameters:
    ///   - baseline: the baseline folder's problems (``ReportInput/runs(experiment:directory:)``).
    ///   - new: the new folder's.
    ///   - alpha: the family-wise significance level per problem.
    ///   - minimumChange: the smallest relative change of the median that counts.
    ///   - test: paired (the folders ran the same instances) or unpaired.
    public init(
        baseline: [ProblemRuns], new: [ProblemRuns], alpha: Double, minimumChange: Double = 0, test: Test = .unpaired
    ) {
        var pairs: [Pair] = []
        var tested: [(index: Int, p: Double, newTendsLower: Bool?, problem: String)] = []
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
                    pairs: nil, baselineMedian: a.isEmpty ? nil : Statistics.median(a),
                    newMedian: b.isEmpty ? nil : Statistics.median(b), p: nil, adjustedP: nil, verdict: .untested)
                switch test {
                case .paired:
                    let matched = PairedFinals(newRuns.runs, optimizer.runs)
                    pair.pairs = matched.count
                    if matched.count >= 2 {
                        let result = WilcoxonSignedRank.test(matched.first, matched.second)
                        pair.p = result.pTwoSided
                        let direction: Bool? =
                            result.firstTendsLower ? true : (result.firstTendsHigher ? false : nil)
                        tested.append((pairs.count, result.pTwoSided, direction, problem.problem))
                    }
                case .unpaired:
                    if a.count >= 2 && b.count >= 2 {
                        let result = MannWhitneyU.test(b, a)
                        pair.p = result.pTwoSided
                        let centre = Double(a.count * b.count) / 2
                        let direction: Bool? =
                            result.statistic < centre ? true : (result.statistic > centre ? false : nil)
                        tested.append((pairs.count, result.pTwoSided, direction, problem.problem))
                    }
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
        var powerless: [String] = []
        for problem in baseline.map(\.problem) {
            let members = tested.indices.filter { tested[$0].problem == problem }
            for (k, value) in zip(members, HolmCorrection.adjusted(members.map { tested[$0].p })) { adjusted[k] = value }
            let smallest = members.map {
                let pair = pairs[tested[$0].index]
                return Self.smallestP(baselineRuns: pair.baselineRuns, newRuns: pair.newRuns, pairs: pair.pairs)
            }.min()
            if let smallest, Double(members.count) * smallest >= alpha { powerless.append(problem) }
        }
        for (k, entry) in tested.enumerated() {
            pairs[entry.index].adjustedP = adjusted[k]
            var verdict: Verdict = .same
            if adjusted[k] < alpha, let newTendsLower = entry.newTendsLower {
                verdict = newTendsLower ? .better : .worse
            }
            if verdict != .same, minimumChange > 0, let old = pairs[entry.index].baselineMedian,
                let current = pairs[entry.index].newMedian
            {
                let change = abs(current - old)
                if !(change >= minimumChange * abs(old)) { verdict = .same }
            }
            pairs[entry.index].verdict = verdict
        }
        self.test = test
        self.pairs = pairs
        self.powerless = powerless
        self.onlyInBaseline = onlyInBaseline
        self.onlyInNew = onlyInNew
    }

    /// The smallest two-sided p-value the test of a pair can give: paired, that of `pairs` pairs all of one sign
    /// (``PairwiseTests/minimumAttainableP(_:)``); unpaired (`pairs == nil`), that of two fully separated samples
    /// without ties by the Mann–Whitney normal approximation.
    public static func smallestP(baselineRuns: Int, newRuns: Int, pairs: Int?) -> Double {
        if let pairs { return PairwiseTests.minimumAttainableP(pairs) }
        guard baselineRuns > 0, newRuns > 0 else { return 1 }
        let separated = MannWhitneyU.test(
            (0..<baselineRuns).map(Double.init), (baselineRuns..<(baselineRuns + newRuns)).map(Double.init))
        return separated.pTwoSided
    }

    /// Why the runs of two folders do not pair by repetition, or `nil` when they do: they must have the same
    /// experiment seed, and every problem label they share must name the same entry with the same options (as
    /// `experiment.json` writes them: an option given in one at its default value and left out in the other counts as
    /// a difference), so that repetition `k` of both ran the same instance.
    /// - Returns: a sentence naming the first difference.
    public static func pairingObstacle(baseline: Experiment, new: Experiment) -> String? {
        guard baseline.seed == new.seed else {
            return "the seeds differ (\(baseline.seed) and \(new.seed)), so the folders ran other problem instances"
        }
        for problem in baseline.problems {
            if let other = new.problems.first(where: { $0.label == problem.label }), other != problem {
                return "the problem \(problem.label) is another entry or has other options in each folder"
            }
        }
        return nil
    }
}

import Foundation
import TunebenchCore
import TunebenchNumerics

/// Sequential model-based optimization with a random-forest surrogate, in the style of SMAC (F. Hutter, H. H. Hoos
/// and K. Leyton-Brown, "Sequential model-based optimization for general algorithm configuration", LION 5, 2011).
///
/// **Each ask.** The first `initial` points are a scrambled Sobol design. After that, with probability
/// `randomFraction` (0.1) the suggestion is a uniform random configuration (SMAC's interleaved random configurations,
/// which keep the search from trusting the forest where it has no data; SMAC3 draws them with probability 0.2 in its
/// hyperparameter-optimization facade and 0.084 in its black-box one); otherwise a ``RandomForestRegressor`` is grown
/// afresh on every successful observation, with the values warped (``OutputWarping/log``) and standardized, and the
/// configuration that maximizes its
/// expected improvement over the best observed value is suggested (``ForestAcquisitionSearch``: random candidates
/// and local search from the best configurations).
///
/// **Coordinates.** The forest sees the unit-cube encoding of each configuration (``SearchSpace/encode(_:)``), with
/// inactive conditional parameters at −1 so that one split separates them; categorical parameters are coded by their
/// choice's position, which a tree can isolate with two splits.
///
/// **Recommendation** (``recommendation()``). Once the design is over, the evaluated configuration of lowest mean
/// under a forest grown on every successful observation (the lowest observed value among ties, as when several
/// points share the forest's leaves), which averages each observation with its neighbours in the leaves, so that a
/// lucky draw of the noise does not make the incumbent: the in-sample point of best predicted mean, as Ax recommends
/// with its models. (SMAC's own incumbent is the configuration of lowest observed cost, averaged over the repeated
/// runs its intensification makes of the same configuration; this optimizer never repeats a configuration, so the
/// forest's average over neighbours takes the place of the average over repeats.) The forest is grown afresh for
/// the recommendation, from a generator of its own (seeded by the optimizer seed and the number of observations), so
/// that asking for it changes no suggestion. During the design, `nil`: the runner's default rule.
///
/// **Failures.** A failed evaluation (no finite value) enters the forest that makes suggestions with the worst value
/// observed so far, re-imputed at every fit: SMAC's crash cost, taken as the worst cost seen (SMAC3 imputes
/// `crash_cost`, whose default `+∞` its log-scaled encoder cannot take, `smac/scenario.py`; Tunebench's SMAC3 and
/// scikit-optimize bridges tell the worst value seen at the time of the failure), so that the forest predicts bad
/// values where evaluations fail. With `feasibility` on (the default of `forest`; `forest-smac` keeps SMAC's rule),
/// from the first failure a classifier forest of failures against successes weighs the expected improvement by its
/// probability of success (`failureClassifier()`), which cut the tuning set's cells over the failure bar from 11 of
/// 24 to 2 (docs/tuning-set.md). On a constrained problem an infeasible point is imputed as a failure is, but the
/// classifier counts it as a success: it models failed evaluations only (with infeasible points as failures, the
/// median final regret in `Results/constrained` rose on `gramacy`, 0.0392 to 0.0926, and `pressure-vessel`, 6,230 to
/// 11,400, whose optima lie on a constraint's boundary). A failure counts as no
/// success: the design lasts until two successes, and the recommendation's forest sees successes only. No
/// configuration is suggested twice.
///
/// **Pending trials** (several workers). A pending configuration is never suggested again, and by default stays out of
/// the model, as SMAC3 2.4.1 leaves running trials out of its model (`smac/main/config_selector.py`, "Possible add
/// running configs?"). Option `pending=constant-liar` instead has each pending configuration enter the suggestion
/// forest with the worst value observed so far, as a failure does: the constant liar with the maximum (D. Ginsbourger,
/// R. Le Riche and L. Carraro, "Kriging is well-suited to parallelize optimization", Springer 2010, §3.3, CL-max). It
/// is off because it did not spread concurrent suggestions: with 8 synchronous workers on Hartmann3 (48 evaluations,
/// seed 4, trials from 16 on) the mean distance from a suggestion to the nearest other of its batch was 0.070 with it
/// and 0.099 without (the forest's random candidates and interleaved random points already spread a batch). A
/// sequential run has no pending trial at an ask, so nothing changes there.
public struct ForestOptimizer: Optimizer {
    /// What the optimizer can be told.
    public struct Settings: Sendable, Hashable {
        /// How the values are transformed before the forest sees them.
        public var warping: OutputWarping = .log
        /// Points of the initial Sobol design (the model needs at least 2 successes); 0 for SMAC3's rule,
        /// ``smacInitialPoints(dimension:budget:)``.
        public var initialPoints = 10
        /// The probability that a suggestion after the design is uniform random (0.1 was as good as 0 and 0.2 on Branin
        /// and Hartmann6 at 200 evaluations, tuning seeds 7, 11 and 13, before the values were warped).
        public var randomFraction = 0.1
        /// The forest: 24 trees (SMAC3 grows 10) on bootstrap samples (as SMAC's), thresholds drawn at random
        /// (extra-trees, as scikit-optimize's `forest_minimize` uses by default), which average into a smoother
        /// surrogate than CART's thresholds; at least 3 observations per leaf and per split (the default of SMAC3's
        /// `RandomForest` class; its hyperparameter-optimization facade passes 1 and 2, as `forest-smac` does).
        public var forest: RandomForestRegressor.Settings = {
            var settings = RandomForestRegressor.Settings()
            settings.trees = 24
            settings.tree.splitRule = .random
            return settings
        }()
        /// The acquisition search.
        public var search = ForestAcquisitionSearch.Settings()
        /// Whether, from the first failure on, a classifier forest of failures weighs the expected improvement by the
        /// probability of success (`failureClassifier()`); without it, failures enter the forest imputed only.
        public var feasibility = true
        /// Whether pending trials (several workers) enter the suggestion forest with the worst value observed so
        /// far, a constant liar (see "Pending trials"); off, as SMAC3 leaves running trials out of its model.
        public var constantLiar = false
        /// The trees of the classifier forest of failures: CART over every parameter with scikit-learn's tree
        /// defaults (Gini, leaves of at least 1 observation; its forest would consider √d parameters a split), on
        /// bootstrap samples, as many as the regression forest has.
        public var classifier: ClassificationTree.Settings = ClassificationTree.Settings()

        public init() {}
    }

    /// A monotone transformation of the observed values for the model.
    public enum OutputWarping: String, Sendable, Hashable, CaseIterable {
        /// The values as observed.
        case none
        /// `log((y − y_min)/(y_max − m))` with `m = y_min − (p₅ − y_min) − 10⁻¹⁰`, `p₅` the 5th percentile (linear
        /// interpolation): SMAC3 2.4.1's `RunHistoryLogScaledEncoder`, which its hyperparameter-optimization facade
        /// uses (`smac/runhistory/encoder/log_scaled_encoder.py`; `m` is nudged by a factor `1 − 10⁻¹⁰` when it
        /// equals `y_max`).
        case smac
        /// `log((y − y_min)/(y_med − y_min) + 0.1)`: SMAC models the logarithm of runtimes (Hutter et al. 2011,
        /// section 4.1); shifted by the best value and scaled by the median's distance from it, the logarithm applies
        /// to any objective. It spreads the values near the best over many leaves and squeezes the far tail, which
        /// otherwise dominates the splits and the variance (without it, median regret at 100 evaluations was 1,000
        /// times higher on Branin and 40 times on Hartmann3). The offset 0.1 bounds the stretch: with 10⁻³ a quarter
        /// of the Ackley-5 runs stayed on its outer plateau, exploiting ripples (tuning seeds 5 and 13).
        case log

        func apply(_ values: [Double]) -> [Double] {
            switch self {
            case .none:
                return values
            case .log:
                guard let low = values.min(), let high = values.max() else { return values }
                // The median's distance from the best, kept above 10⁻¹² of the range so that the ratio cannot overflow
                // when most values tie with the best (a plateau); 1 when all values are equal.
                var spread = max(Statistics.median(values) - low, 1e-12 * (high - low))
                if !(spread > 0) { spread = 1 }
                return values.map { Foundation.log(($0 - low) / spread + 0.1) }
            case .smac:
                guard let low = values.min(), let high = values.max() else { return values }
                var floor = low - (Statistics.quantile(values, 0.05) - low) - 1e-10
                if floor == high { floor *= 1 - 1e-10 }
                return values.map { Foundation.log(($0 - floor) / (high - floor)) }
            }
        }
    }

    /// SMAC3 2.4.1's initial design size in its hyperparameter-optimization facade: 10 configurations per parameter,
    /// at most a quarter of the budget, at least 1 (`n = int(max(1, min(10 d, 0.25 · budget)))`,
    /// `smac/initial_design/abstract_initial_design.py`).
    public static func smacInitialPoints(dimension: Int, budget: Int) -> Int {
        let perParameter = 10 * dimension
        guard perParameter > 1 else { return perParameter }
        return max(1, Int(min(Double(perParameter), 0.25 * Double(budget))))
    }

    private let space: SearchSpace
    private var settings: Settings
    private let seed: UInt64
    private var generator: Xoshiro256StarStar
    private var design: SobolSequence?
    private var forest: RandomForestRegressor
    private let search: ForestAcquisitionSearch
    private var inputs: [Double] = []
    private var values: [Double] = []
    /// The unit-cube points of the successful observations, in the order of `values`.
    private var units: [[Double]] = []
    /// The configurations of the successful observations, in the order of `values`.
    private var evaluated: [Configuration] = []
    /// The model points and unit-cube points of the failed (and, on a constrained problem, infeasible) evaluations,
    /// imputed with the worst value for the model.
    private var failedInputs: [Double] = []
    private var failedUnits: [[Double]] = []
    /// For the classifier of failures, the class of each entry of `failedUnits`: 1 for a failed evaluation, 0 for an
    /// infeasible one on a constrained problem (a success to the classifier).
    private var classifierLabels: [Int] = []
    private var observed: Set<Configuration> = []
    private var asks = 0
    private var remaining: Int
    private var pending = PendingTrials<Configuration>()

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        seed = context.seed
        generator = Xoshiro256StarStar(seed: context.seed)
        design = try? SobolSequence(dimension: space.dimension, scramble: true, using: &generator)
        if settings.initialPoints == 0 {
            self.settings.initialPoints = Self.smacInitialPoints(
                dimension: space.dimension, budget: context.fullFidelityBudget)
        }
        forest = RandomForestRegressor(dimension: space.dimension, settings: settings.forest)
        search = ForestAcquisitionSearch(space: space, settings: settings.search)
        remaining = context.budget
    }

    public var metadata: [String: String] {
        [
            "trees": String(settings.forest.trees), "initial": String(settings.initialPoints),
            "random-fraction": String(settings.randomFraction),
        ]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        defer { asks += 1 }
        let configuration: Configuration?
        if asks < settings.initialPoints || values.count < 2 {
            configuration = designSuggestion()
        } else if generator.nextUnit() < settings.randomFraction {
            configuration = randomSuggestion()
        } else {
            configuration = modelSuggestion() ?? randomSuggestion()
        }
        guard let configuration else {
            remaining = 0  // every point of the space has been evaluated
            return nil
        }
        remaining -= 1
        observed.insert(configuration)
        pending.add(configuration)
        return Suggestion(configuration)
    }

    public mutating func tell(_ observation: Observation) {
        guard let pending = pending.remove(observation.trial) else { return }
        guard let value = observation.finiteValue else {
            failedInputs += space.modelPoint(pending)
            failedUnits.append(space.encode(pending))
            // The classifier learns failures, not broken constraints (an infeasible point has an objective value).
            classifierLabels.append(observation.objectiveValue == nil ? 1 : 0)
            return
        }
        inputs += space.modelPoint(pending)
        units.append(space.encode(pending))
        evaluated.append(pending)
        values.append(value)
    }

    /// The evaluated configuration of lowest mean under a forest grown on every successful observation (the lowest
    /// observed value among equal means, then the earliest), once the design is over; `nil` (the default rule)
    /// before.
    /// - Complexity: one forest fit and `n` predictions, `n` the successful observations.
    public func recommendation() -> Configuration? {
        guard asks >= settings.initialPoints, values.count >= 2 else { return nil }
        var own = Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["recommendation", String(values.count)]))
        var model = RandomForestRegressor(dimension: space.dimension, settings: settings.forest)
        model.fit(inputs: inputs, targets: standardizedTargets(), using: &own)
        let means = model.meanAndVariance(points: inputs).means
        var best = 0
        for i in means.indices.dropFirst()
        where means[i] < means[best] || (means[i] == means[best] && values[i] < values[best]) {
            best = i
        }
        return evaluated[best]
    }

    // MARK: - Suggestions

    /// The configuration of largest expected improvement under a forest grown on every success and every failure
    /// (imputed with the worst success).
    private mutating func modelSuggestion() -> Configuration? {
        // Failures, then (with the constant liar) the pending trials, enter with the worst value so far.
        let lies = settings.constantLiar ? pending.states : []
        let imputed = failedUnits.count + lies.count
        let worst = values.max() ?? 0
        let targets = standardizedTargets(values + [Double](repeating: worst, count: imputed))
        forest.fit(
            inputs: inputs + failedInputs + lies.flatMap { space.modelPoint($0) }, targets: targets, using: &generator)
        return search.maximize(
            forest: forest, targets: targets, units: units + failedUnits + lies.map { space.encode($0) },
            observed: observed, successes: values.count, failures: failureClassifier(), using: &generator)
    }

    /// The classifier forest of failures (class 1) against successes (class 0; an infeasible point is one) over every
    /// told suggestion, once a failed evaluation has been told and ``Settings/feasibility`` is on; else `nil`. Its
    /// mean leaf frequency of class 0 is the probability of success `P(x)` that weighs the expected improvement,
    /// `EI(x) · P(x)`: the probability-of-feasibility weight of constrained Bayesian optimization with a classifier
    /// for the hidden constraint (M. A. Gelbart, J. Snoek and R. P. Adams, "Bayesian optimization with unknown
    /// constraints", UAI 2014; J. R. Gardner et al., ICML 2014). Each tree draws from a generator of its own, seeded
    /// by the optimizer seed, the number of observations and the tree, so a run without failures keeps every draw.
    private func failureClassifier() -> RandomForestClassifier? {
        guard settings.feasibility, classifierLabels.contains(1) else { return nil }
        let data = PresortedClassificationData(
            features: inputs + failedInputs, labels: [Int](repeating: 0, count: values.count) + classifierLabels,
            featureCount: space.dimension, classCount: 2)
        var classifier = RandomForestClassifier.Settings()
        classifier.trees = settings.forest.trees
        classifier.tree = settings.classifier
        let observations = String(values.count + failedUnits.count)
        return RandomForestClassifier(data: data, settings: classifier) { tree in
            Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["failures", observations, String(tree)]))
        }
    }

    /// The observed values as the forest sees them: warped, then standardized.
    private func standardizedTargets(_ values: [Double]? = nil) -> [Double] {
        let warped = settings.warping.apply(values ?? self.values)
        let mean = Statistics.mean(warped)
        let sd = Statistics.standardDeviation(warped)
        let scale = sd > 0 && sd.isFinite ? sd : 1
        return warped.map { ($0 - mean) / scale }
    }

    /// The next unseen point of the Sobol design (a random one when the space is too large for the Sobol table).
    private mutating func designSuggestion() -> Configuration? {
        guard design != nil else { return randomSuggestion() }
        var point = [Double](repeating: 0, count: space.dimension)
        for _ in 0..<4096 {
            design!.next(into: &point)
            let configuration = space.decode(point)
            if !observed.contains(configuration) { return configuration }
        }
        return nil
    }

    /// A uniform random unseen configuration, or `nil` after many seen ones in a row (an exhausted space).
    private mutating func randomSuggestion() -> Configuration? {
        var point = [Double](repeating: 0, count: space.dimension)
        for _ in 0..<4096 {
            for j in point.indices { point[j] = generator.nextUnit() }
            let configuration = space.decode(point)
            if !observed.contains(configuration) { return configuration }
        }
        return nil
    }
}

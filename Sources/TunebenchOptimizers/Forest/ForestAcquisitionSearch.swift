import Foundation
import TunebenchCore
import TunebenchNumerics

/// Maximizes expected improvement under a random forest over unseen configurations, as SMAC does: random candidates
/// and local search from the best configurations (Hutter, Hoos and Leyton-Brown 2011, section 4.3; SMAC3's
/// `LocalAndSortedRandomSearch`).
///
/// 1. `candidates` uniform random configurations are scored.
/// 2. So are `perturbations` Gaussian perturbations of the five best observations in every coordinate at once
///    (standard deviations 0.2, 0.05 and 0.01 in the unit cube; a categorical coordinate is redrawn with probability
///    1/5): diagonal moves, which a one-coordinate neighbourhood makes only in several steps.
/// 3. Local search starts from the `localStarts` best observed configurations and the five best candidates. Each step
///    scores neighbours of the current configuration and moves to the best one if it scores higher; it stops at a
///    local maximum or after `maxSteps` steps. A neighbour changes one active coordinate of the unit-cube encoding:
///    a real or integer one by a Gaussian step of standard deviation 0.2 (SMAC's neighbourhood), 0.05 or 0.01 (finer
///    steps, which reach into the small cells that the forest grows around good points), `neighbours` draws at each
///    scale; a categorical one by a new uniform choice.
/// 4. The highest-scoring unseen configuration met wins.
///
/// The score is log expected improvement (Ament et al. 2023) of the forest's normal approximation `N(μ, σ²)` below
/// the best observed standardized value, ties broken by the lower mean, so that flat regions of zero variance still
/// rank by the forest's prediction.
public struct ForestAcquisitionSearch: Sendable {
    /// How hard the search works.
    public struct Settings: Sendable, Hashable {
        /// Uniform random candidates per ask.
        public var candidates = 500
        /// Best observed configurations that local search starts from.
        public var localStarts = 10
        /// Gaussian perturbations of the five best observations (every coordinate at once) per ask.
        public var perturbations = 250
        /// Random draws per coordinate and step size in each local-search step.
        public var neighbours = 1
        /// The most steps of one local search.
        public var maxSteps = 10

        public init() {}
    }

    /// The Gaussian step sizes of the local search, in unit-cube coordinates.
    static let stepSizes = [0.2, 0.05, 0.01]

    let space: SearchSpace
    let settings: Settings
    private let categorical: [Bool]

    init(space: SearchSpace, settings: Settings) {
        self.space = space
        self.settings = settings
        categorical = space.parameters.map { $0.choices != nil }
    }

    /// A scored configuration; larger is better.
    private struct Scored {
        var unit: [Double]
        var configuration: Configuration
        var logEI: Double
        var mean: Double

        func isBetter(than other: Scored) -> Bool {
            logEI != other.logEI ? logEI > other.logEI : mean < other.mean
        }
    }

    /// The unseen configuration of largest expected improvement found, or `nil` when every configuration met was seen.
    /// - Parameters:
    ///   - targets: the standardized values the forest was grown on.
    ///   - units: the unit-cube points of those observations, in the same order.
    ///   - successes: how many of the observations, from the first, are successes; the others are failures with an
    ///     imputed value, never a start of the local search or a centre of perturbations (all by default).
    ///   - failures: a classifier of failures (class 1) and successes (class 0); when given, the score is
    ///     `log EI(x) + log P₀(x)`, `P₀` its probability of success (`−∞` where every tree says failure; such
    ///     candidates then rank by the forest's mean, as candidates of no expected improvement do).
    func maximize(
        forest: RandomForestRegressor, targets: [Double], units: [[Double]], observed: Set<Configuration>,
        successes: Int? = nil, failures: RandomForestClassifier? = nil, using generator: inout Xoshiro256StarStar
    ) -> Configuration? {
        guard let best = targets.min() else { return nil }
        let dimension = space.dimension
        func score(_ unit: [Double]) -> Scored {
            let configuration = space.decode(unit)
            let point = space.modelPoint(configuration)
            let (mean, variance) = forest.meanAndVariance(at: point)
            var logEI = GaussianAcquisition.logEI(mean: mean, sd: variance.squareRoot(), best: best)
            if let failures { logEI += Foundation.log(failures.probabilities(of: point, featureCount: dimension)[0]) }
            if logEI.isNaN { logEI = -.infinity }
            return Scored(unit: unit, configuration: configuration, logEI: logEI, mean: mean)
        }
        var winner: Scored?
        func consider(_ candidate: Scored) {
            guard !observed.contains(candidate.configuration) else { return }
            if winner == nil || candidate.isBetter(than: winner!) { winner = candidate }
        }

        // 1. Uniform random candidates.
        var pool: [Scored] = []
        pool.reserveCapacity(settings.candidates)
        var unit = [Double](repeating: 0, count: dimension)
        for _ in 0..<settings.candidates {
            for j in 0..<dimension { unit[j] = generator.nextUnit() }
            let scored = score(unit)
            consider(scored)
            pool.append(scored)
        }

        // 2. Perturbations of the best observations in every coordinate at once.
        let leaders = targets.indices.prefix(successes ?? targets.count)
            .sorted { targets[$0] != targets[$1] ? targets[$0] < targets[$1] : $0 < $1 }
            .prefix(settings.localStarts)
        let perturbed = leaders.prefix(5)
        for c in 0..<(perturbed.isEmpty ? 0 : settings.perturbations) {
            let leader = units[perturbed[perturbed.startIndex + c % perturbed.count]]
            let step = Self.stepSizes[(c / perturbed.count) % Self.stepSizes.count]
            for j in 0..<dimension {
                if categorical[j] {
                    unit[j] = generator.nextIndex(below: 5) == 0 ? generator.nextUnit() : leader[j]
                } else {
                    unit[j] = min(max(leader[j] + step * generator.nextGaussian(), 0), 1)
                }
            }
            let scored = score(unit)
            consider(scored)
            pool.append(scored)
        }

        // 3. Local search from the best observations and the best candidates.
        var starts = leaders.map { score(units[$0]) }
        let ranked = pool.indices.sorted { pool[$0].isBetter(than: pool[$1]) || (!pool[$1].isBetter(than: pool[$0]) && $0 < $1) }
        starts += ranked.prefix(5).map { pool[$0] }
        for start in starts {
            var current = start
            for _ in 0..<settings.maxSteps {
                var bestNeighbour: Scored?
                for j in 0..<dimension where current.configuration.values[j] != nil {
                    let draws = categorical[j] ? settings.neighbours : settings.neighbours * Self.stepSizes.count
                    for k in 0..<draws {
                        var neighbour = current.unit
                        if categorical[j] {
                            neighbour[j] = generator.nextUnit()
                        } else {
                            let step = Self.stepSizes[k / settings.neighbours]
                            neighbour[j] = min(max(neighbour[j] + step * generator.nextGaussian(), 0), 1)
                        }
                        let scored = score(neighbour)
                        consider(scored)
                        if bestNeighbour == nil || scored.isBetter(than: bestNeighbour!) { bestNeighbour = scored }
                    }
                }
                guard let next = bestNeighbour, next.isBetter(than: current) else { break }
                current = next
            }
        }
        return winner?.configuration
    }
}

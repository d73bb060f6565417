import Foundation
import TunebenchCore
import TunebenchNumerics

/// A real-coded genetic algorithm on the space's unit cube: binary tournament selection, simulated binary crossover
/// and polynomial mutation (K. Deb and R. B. Agrawal, "Simulated binary crossover for continuous search space",
/// Complex Systems 9, 1995; K. Deb and M. Goyal, "A combined genetic adaptive search (GeneAS) for engineering
/// design", 1996), with elitist (μ + λ) survival as in NSGA-II (Deb et al. 2002).
///
/// **Genes.** One per parameter, in unit-cube coordinates: integers are real-coded and rounded when decoded.
/// Categorical genes cross over uniformly (each child takes the gene of either parent with probability ½) and mutate
/// by a uniform redraw.
///
/// **A generation.** From a population of `P` (option `population`, default `max(8, min(40, ⌊B/50⌋))` for a budget
/// `B`, so that a run lasts at least 50 generations until the population reaches 40; the first population is
/// uniform random), `P` children are bred: two binary tournaments pick the parents; with
/// probability 0.9 SBX with distribution index `η_c = 15` (the spread factor
/// `β = (2u)^{1/(η_c+1)}` for `u ≤ ½`, else `(1/(2(1 − u)))^{1/(η_c+1)}`, children `½((1 ± β) p₁ + (1 ∓ β) p₂)`,
/// per gene with probability ½, clipped to the cube); each gene then mutates with probability `1/d` by the
/// polynomial mutation of index `η_m = 20` (`δ = (2u)^{1/(η_m+1)} − 1` for `u < ½`, else
/// `1 − (2(1 − u))^{1/(η_m+1)}`, scaled by the distance to the bound on its side). Parents and children together are
/// sorted by value (failures last, ties by age) and the best `P` survive.
public struct GeneticAlgorithm: Optimizer {
    public struct Settings: Sendable, Hashable {
        /// `P`; 0 for `max(8, min(40, ⌊budget/50⌋))`.
        public var population = 0
        public var crossoverProbability = 0.9
        public var crossoverIndex = 15.0
        public var mutationIndex = 20.0

        public init() {}
    }

    private let space: SearchSpace
    private let settings: Settings
    private let variation: RealCodedVariation
    private let size: Int
    private var generator: Xoshiro256StarStar
    /// The survivors, by value.
    private var population: [(genes: [Double], value: Double)] = []
    /// The generation being evaluated, its values by position (`+∞` until told, and for a failure), how many are
    /// told and how many asked: a generation is a barrier, so a parallel run waits once every child is asked.
    private var brood: [[Double]] = []
    private var broodValues: [Double] = []
    private var broodTold = 0
    private var broodAsked = 0
    /// The pending trials' positions in the generation.
    private var pending = PendingTrials<Int>()
    private var remaining: Int

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        variation = RealCodedVariation(
            categorical: space.parameters.map { $0.choices != nil }, crossoverIndex: settings.crossoverIndex,
            mutationIndex: settings.mutationIndex)
        let d = space.dimension
        size = settings.population > 0 ? settings.population : max(8, min(40, context.fullFidelityBudget / 50))
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        brood = (0..<size).map { _ in (0..<d).map { _ in generator.nextUnit() } }
        broodValues = [Double](repeating: .infinity, count: size)
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0, broodAsked < brood.count else { return nil }
        remaining -= 1
        pending.add(broodAsked)
        broodAsked += 1
        return Suggestion(space.decode(brood[broodAsked - 1]))
    }

    public mutating func tell(_ observation: Observation) {
        guard let position = pending.remove(observation.trial) else { return }
        broodValues[position] = observation.finiteValue ?? .infinity
        broodTold += 1
        guard broodTold == brood.count else { return }
        // (μ + λ) survival: parents first, so that ties keep the elder.
        let pool = population + zip(brood, broodValues).map { ($0, $1) }
        let order = pool.indices.sorted { pool[$0].value != pool[$1].value ? pool[$0].value < pool[$1].value : $0 < $1 }
        population = order.prefix(size).map { pool[$0] }
        brood = breed()
        broodValues = [Double](repeating: .infinity, count: brood.count)
        broodTold = 0
        broodAsked = 0
    }

    // MARK: - Variation

    private mutating func breed() -> [[Double]] {
        var children: [[Double]] = []
        while children.count < size {
            let first = tournament()
            let second = tournament()
            var (a, b) = (population[first].genes, population[second].genes)
            if generator.nextUnit() < settings.crossoverProbability { variation.crossover(&a, &b, using: &generator) }
            variation.mutate(&a, using: &generator)
            variation.mutate(&b, using: &generator)
            children.append(a)
            if children.count < size { children.append(b) }
        }
        return children
    }

    /// The better of two members drawn uniformly (the population is sorted, so the smaller index).
    private mutating func tournament() -> Int {
        min(generator.nextIndex(below: population.count), generator.nextIndex(below: population.count))
    }
}

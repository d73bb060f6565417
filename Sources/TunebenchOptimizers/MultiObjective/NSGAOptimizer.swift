import TunebenchCore
import TunebenchNumerics

/// NSGA-II (K. Deb, A. Pratap, S. Agarwal and T. Meyarivan, "A fast and elitist multiobjective genetic algorithm:
/// NSGA-II", IEEE TEVC 6(2), 2002) on the space's unit cube.
///
/// **A generation.** The first population of N (option `population`, 100 as in the paper) is uniform random. Each
/// later one breeds N children from the survivors: two binary tournaments under the crowded-comparison operator (the
/// lower non-domination rank wins, then the larger crowding distance, ``CrowdingDistance``; then the first drawn)
/// pick the parents; with probability 0.9 they cross over by SBX with η_c = 20, and each child's genes mutate with
/// probability 1/d by polynomial mutation with η_m = 20 (the paper's settings), both in the bounded form of Deb's own
/// NSGA-II code (``RealCodedVariation/Form/bounded``). Parents and
/// children together are sorted into non-dominated fronts (``ParetoDominance/ranks(_:)``), and the fronts fill the
/// next population in order, the last one that fits only partly by crowding distance (larger first, ties by
/// position, parents before children).
///
/// **Values.** A member's objective vector is the observation's ``TunebenchCore/Observation/objectives``, or its value
/// alone on a single-objective problem (NSGA-II is then an elitist GA). A failed or infeasible evaluation has none
/// and ranks after every front.
///
/// **NSGA-III** (``Settings/Survival/referencePoints(divisions:)``; K. Deb and H. Jain, "An evolutionary
/// many-objective optimization algorithm using reference-point-based nondominated sorting approach, part I", IEEE
/// TEVC 18(4), 2014): the last front that fits only partly is cut by ``ReferencePointNiching`` along the Das–Dennis
/// reference directions of `p` divisions (``SimplexLattice``) instead of by crowding distance, and the parents are
/// drawn uniformly from the survivors (the paper's random selection) instead of by tournaments. The paper's settings:
/// N the smallest multiple of 4 not below the H reference points (92 for three objectives and p = 12; 156 for
/// H = 156 in its table I), SBX with
/// probability 1 and η_c = 30, polynomial mutation with η_m = 20 (its §V).
///
/// A generation is a barrier: on parallel workers the optimizer waits once every child is asked.
public struct NSGAOptimizer: Optimizer {
    public struct Settings: Sendable, Hashable {
        /// How the last front that does not fit is cut, and how parents are chosen.
        public enum Survival: Sendable, Hashable {
            /// NSGA-II: by crowding distance; parents by crowded tournaments.
            case crowding
            /// NSGA-III: by reference-point niching on the simplex lattice of `divisions`; parents drawn uniformly.
            case referencePoints(divisions: Int)
        }

        /// N, the population and the children per generation.
        public var population = 100
        public var crossoverProbability = 0.9
        public var crossoverIndex = 20.0
        public var mutationIndex = 20.0
        public var survival = Survival.crowding

        public init() {}
    }

    /// A member of the population: its genes and its objectives (`nil` for a failure).
    struct Member {
        var genes: [Double]
        var objectives: [Double]?
    }

    private let space: SearchSpace
    private let settings: Settings
    private let variation: RealCodedVariation
    private var generator: Xoshiro256StarStar
    /// The survivors, with their ranks and crowding distances.
    private var population: [Member] = []
    private var ranks: [Int] = []
    private var crowding: [Double] = []
    /// The generation being evaluated.
    private var brood: [Member] = []
    private var broodTold = 0
    private var broodAsked = 0
    private var pending = PendingTrials<Int>()
    private var remaining: Int
    /// NSGA-III's reference directions (empty for NSGA-II).
    private let directions: [[Double]]

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        variation = RealCodedVariation(
            categorical: space.parameters.map { $0.choices != nil }, crossoverIndex: settings.crossoverIndex,
            mutationIndex: settings.mutationIndex, form: .bounded)
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        if case .referencePoints(let divisions) = settings.survival {
            directions = SimplexLattice.points(objectives: max(context.objectiveCount, 1), divisions: divisions)
        } else {
            directions = []
        }
        let d = space.dimension
        brood = (0..<max(settings.population, 2)).map { _ in
            Member(genes: (0..<d).map { _ in generator.nextUnit() }, objectives: nil)
        }
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0, broodAsked < brood.count else { return nil }
        remaining -= 1
        pending.add(broodAsked)
        broodAsked += 1
        return Suggestion(space.decode(brood[broodAsked - 1].genes))
    }

    public mutating func tell(_ observation: Observation) {
        guard let position = pending.remove(observation.trial) else { return }
        if observation.isFeasible, let objectives = observation.objectives, objectives.allSatisfy(\.isFinite) {
            brood[position].objectives = objectives
        } else {
            brood[position].objectives = observation.finiteValue.map { [$0] }
        }
        broodTold += 1
        guard broodTold == brood.count else { return }
        survive(population + brood)
        brood = breed()
        broodTold = 0
        broodAsked = 0
    }

    // MARK: - Survival

    /// Keeps N of `pool` by fronts, the last by crowding distance (or by reference-point niching), and sets their
    /// ranks and distances.
    private mutating func survive(_ pool: [Member]) {
        let size = max(settings.population, 2)
        let evaluated = pool.indices.filter { pool[$0].objectives != nil }
        let poolRanks = ParetoDominance.ranks(evaluated.map { pool[$0].objectives! })
        var fronts: [[Int]] = Array(repeating: [], count: (poolRanks.max() ?? -1) + 1)
        for (k, index) in evaluated.enumerated() { fronts[poolRanks[k]].append(index) }
        // Failures form a last front with no distances.
        let failed = pool.indices.filter { pool[$0].objectives == nil }
        population = []
        ranks = []
        crowding = []
        for (rank, front) in fronts.enumerated() where population.count < size {
            let distances = CrowdingDistance.of(front.map { pool[$0].objectives! })
            var order = Array(front.indices)
            if population.count + front.count > size {
                if case .crowding = settings.survival {
                    order.sort { distances[$0] != distances[$1] ? distances[$0] > distances[$1] : $0 < $1 }
                    order = Array(order.prefix(size - population.count))
                } else {
                    order = ReferencePointNiching.survivors(
                        kept: population.map { $0.objectives! }, lastFront: front.map { pool[$0].objectives! },
                        count: size - population.count, directions: directions, using: &generator)
                }
            }
            for k in order {
                population.append(pool[front[k]])
                ranks.append(rank)
                crowding.append(distances[k])
            }
        }
        for index in failed where population.count < size {
            population.append(pool[index])
            ranks.append(fronts.count)
            crowding.append(0)
        }
    }

    // MARK: - Variation

    private mutating func breed() -> [Member] {
        let size = max(settings.population, 2)
        var children: [Member] = []
        while children.count < size {
            var a = population[parent()].genes
            var b = population[parent()].genes
            if generator.nextUnit() < settings.crossoverProbability { variation.crossover(&a, &b, using: &generator) }
            variation.mutate(&a, using: &generator)
            variation.mutate(&b, using: &generator)
            children.append(Member(genes: a, objectives: nil))
            if children.count < size { children.append(Member(genes: b, objectives: nil)) }
        }
        return children
    }

    /// The crowded-comparison winner of two members drawn uniformly: lower rank, then larger crowding distance,
    /// then the first; with NSGA-III's survival, a member drawn uniformly.
    private mutating func parent() -> Int {
        if case .referencePoints = settings.survival { return generator.nextIndex(below: population.count) }
        let first = generator.nextIndex(below: population.count)
        let second = generator.nextIndex(below: population.count)
        if ranks[second] != ranks[first] { return ranks[second] < ranks[first] ? second : first }
        return crowding[second] > crowding[first] ? second : first
    }
}

import TunebenchCore
import TunebenchNumerics

/// Quasi-random search: the points of a (scrambled) Sobol sequence, decoded into the space.
///
/// The sequence has one coordinate per parameter (``SearchSpace/decode(_:)`` maps integers, choices and log
/// scales); its first `2^k` points stratify every coordinate into `2^k` equal cells, so small budgets cover the
/// space more evenly than random search. Scrambling (the default) is Matoušek's linear matrix scrambling with a
/// digital shift, seeded by the run: it keeps the stratification and makes repetitions independent.
///
/// References: I. M. Sobol', USSR Comput. Math. Math. Phys. 7(4), 1967; direction numbers of S. Joe and F. Y. Kuo,
/// SIAM J. Sci. Comput. 30(5), 2008; J. Matoušek, J. Complexity 14(4), 1998.
public struct SobolSearch: Optimizer {
    private let space: SearchSpace
    private var sequence: SobolSequence
    private var point: [Double]
    private var remaining: Int

    /// - Throws: ``OptimizerError/unsupportedSpace(optimizer:reason:)`` when the space has more parameters than the
    ///   direction-number table has dimensions.
    public init(context: OptimizerContext) throws {
        space = context.space
        var generator = Xoshiro256StarStar(seed: context.seed)
        do {
            sequence = try SobolSequence(
                dimension: space.dimension, scramble: context.options.bool("scramble"), using: &generator)
        } catch {
            throw OptimizerError.unsupportedSpace(optimizer: "sobol", reason: "\(error)")
        }
        point = [Double](repeating: 0, count: space.dimension)
        remaining = context.budget
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        sequence.next(into: &point)
        return Suggestion(space.decode(point))
    }

    public mutating func tell(_ observation: Observation) {}
}

/// A recipe for a synthetic dataset: everything but the seed, which draws the examples.
///
/// # Implementation requirements
/// - `dataset(seed:)` is a pure function of the recipe and the seed: the same seed gives the same dataset, bit for
///   bit, on any machine; random draws come from a `Xoshiro256StarStar` seeded with `seed`.
/// - Invalid recipes are rejected by ``validate()`` with a ``ProblemsError`` naming the setting and its value, so
///   that a learning problem fails at construction, not at its first evaluation.
public protocol DatasetGenerator: Sendable {
    /// Checks the recipe.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` naming the bad setting.
    func validate() throws

    /// The dataset drawn with `seed`.
    /// - Precondition: ``validate()`` does not throw.
    func dataset(seed: UInt64) -> Dataset
}

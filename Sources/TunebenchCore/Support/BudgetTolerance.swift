/// The relative tolerance on the summed budgets, cost and simulated time: a sum may exceed a budget `B` by
/// `B × 10⁻¹²` and still count as within it, so that rounding in the sums does not lose an evaluation (three
/// thirds fit in a budget of one). The runner's stop rule, the budgets it gives optimizers
/// (``OptimizerContext/fullFidelityBudget``), the curves over cost and time and the report's axes all use it.
public enum BudgetTolerance {
    /// The relative tolerance, 10⁻¹².
    public static let relative = 1e-12

    /// The largest sum that counts as within `budget`: `budget × (1 + 10⁻¹²)`.
    @inlinable
    public static func limit(_ budget: Double) -> Double { budget * (1 + relative) }
}

import TunebenchCore

/// The registry entries of the built-in optimizers, in listing order.
public enum BuiltinOptimizers {
    public static let entries: [OptimizerEntry] = [
        OptimizerEntry(
            name: "random", summary: "Random search: independent uniform points (Bergstra and Bengio 2012)"
        ) { RandomSearch(context: $0) },
        OptimizerEntry(
            name: "grid",
            summary: "Grid search: a full factorial grid fitted to the budget, visited in a seeded order"
        ) { try GridSearch(context: $0) },
    ]
}

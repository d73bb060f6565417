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
        OptimizerEntry(
            name: "sobol", summary: "Quasi-random search: a scrambled Sobol sequence (Sobol' 1967; Joe and Kuo 2008)",
            options: [
                OptionSpec(
                    "scramble", .bool, default: .bool(true),
                    summary: "linear matrix scrambling and digital shift, seeded per run (Matoušek 1998)")
            ]
        ) { try SobolSearch(context: $0) },
        OptimizerEntry(
            name: "lhs", summary: "Latin hypercube design of the whole budget (McKay, Beckman and Conover 1979)",
            options: [
                OptionSpec("centered", .bool, default: .bool(false), summary: "points at stratum centres, not jittered")
            ]
        ) { try LatinHypercubeSearch(context: $0) },
    ]
}

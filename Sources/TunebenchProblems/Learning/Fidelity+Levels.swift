import TunebenchCore

extension Fidelity {
    /// Fidelity levels for the resource counts `steps` (epochs, trees), lowest first, each costing its share of the
    /// last level: `cost = steps / steps.last`, so that a full-fidelity evaluation costs 1.
    /// - Precondition: `steps` is not empty and strictly increasing from at least 1.
    public static func levels(steps: [Int]) -> [Fidelity] {
        precondition(
            !steps.isEmpty && steps[0] >= 1 && zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 },
            "Fidelity.levels: steps must increase from at least 1"
        )
        let last = Double(steps.last!)
        return steps.map { Fidelity(steps: $0, cost: Double($0) / last) }
    }
}

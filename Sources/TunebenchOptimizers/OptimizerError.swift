/// Errors raised by the built-in optimizers.
public enum OptimizerError: Error, Sendable, Equatable {
    /// Grid search cannot enumerate its coarsest grid.
    case gridTooLarge(points: Int, limit: Int)
    /// A design cannot be built for this space (for example more dimensions than a Sobol table holds).
    case unsupportedSpace(optimizer: String, reason: String)
}

extension OptimizerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .gridTooLarge(let points, let limit):
            return "the coarsest grid of this space has more than \(limit) points (\(points) counted); "
                + "use random search or a quasi-random design instead"
        case .unsupportedSpace(let optimizer, let reason):
            return "\(optimizer) cannot search this space: \(reason)"
        }
    }
}

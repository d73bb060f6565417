import TunebenchCore

/// A ``SyntheticFunction`` as a ``Problem``: real parameters `x1` ... `xd` with the function's bounds, the
/// function's minimum as the optimum.
///
/// Evaluations report the function value as `value` (it is noiseless, so `noiselessValue` stays `nil`); wrap the
/// problem in a ``NoisyProblem`` to add observation noise.
public struct SyntheticProblem<Function: SyntheticFunction>: KnownMinimizers, Sendable {
    /// The wrapped function.
    public let function: Function
    /// One linear real parameter per coordinate, named `x1` ... `xd`, with the function's bounds.
    public let space: SearchSpace
    /// The function's global minimum.
    public var optimum: Double? { function.minimum }
    /// The function's minimizers as configurations of real values.
    public var minimizers: [Configuration] { function.minimizers.map(Configuration.reals) }

    /// Scratch buffer for the coordinates of the point being evaluated, reused to avoid an allocation per call.
    private var point: [Double]

    /// Wraps `function`.
    ///
    /// - Throws: `CoreError` when the function's bounds do not make a valid search space (an empty or
    ///   non-finite interval), which breaks the ``SyntheticFunction`` contract.
    public init(_ function: Function) throws {
        self.function = function
        self.space = try SearchSpace(
            function.bounds.enumerated().map { index, range in
                .real("x\(index + 1)", lower: range.lowerBound, upper: range.upperBound)
            })
        self.point = [Double](repeating: 0, count: function.dimension)
    }

    /// The function's value at the configuration's coordinates.
    ///
    /// - Parameter configuration: real values for `x1` ... `xd`, checked against `space` by the caller.
    /// - Complexity: one call of `function.value`, no allocation.
    public mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        for index in point.indices {
            point[index] = configuration.real(index)
        }
        let y = function.value(point)
        return Evaluation(value: y)
    }

    /// Whether the function has an analytic gradient (``SyntheticFunction/hasGradient``).
    public var providesGradient: Bool { function.hasGradient }

    /// The function's value and, when it has one, its analytic gradient at the configuration's coordinates.
    public mutating func evaluateWithGradient(_ configuration: Configuration) -> Evaluation {
        var evaluation = evaluate(configuration)
        var gradient = [Double](repeating: 0, count: point.count)
        if function.gradient(point, into: &gradient) { evaluation.gradient = gradient }
        return evaluation
    }
}

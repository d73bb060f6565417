import TunebenchCore

/// A ``SyntheticFunction`` as a ``Problem``: real parameters `x1` ... `xd` with the function's bounds, the
/// function's minimum as the optimum; the published function itself, or one of its seeded instances
/// (``SyntheticInstance``).
///
/// The value at `x` is `max(f(z(x)), f*)`, where `z` is the instance's map (the identity for the published
/// function) and `f*` the function's stated minimum, the problem's ``optimum``. The floor only removes rounding
/// error: the exact function is never below its minimum (the stated minima are exact to double precision, verified
/// in tests), but near a minimizer rounding can compute a value a unit in the last place below it (Hartmann-6 at
/// its published minimizer does), which would make regret negative.
///
/// Evaluations report the value as `value` (it is noiseless, so `noiselessValue` stays `nil`); wrap the problem in
/// a ``NoisyProblem`` to add observation noise.
public struct SyntheticProblem<Function: SyntheticFunction>: KnownMinimizers, Sendable {
    /// The wrapped function.
    public let function: Function
    /// The seeded instance, or `nil` for the published function.
    public let instance: SyntheticInstance?
    /// One linear real parameter per coordinate, named `x1` ... `xd`, with the function's bounds.
    public let space: SearchSpace
    /// The function's stated minimum.
    public let minimum: Double
    /// ``minimum``.
    public var optimum: Double? { minimum }
    /// The points of the box where the problem attains its minimum: the function's minimizers, or their images
    /// under the instance that lie in the box (always at least the first's).
    public let minimizers: [Configuration]

    /// Scratch buffer for the coordinates of the point being evaluated, reused to avoid an allocation per call.
    private var point: [Double]
    /// Scratch buffer for the function's coordinates `z(x)` of an instance.
    private var mapped: [Double]

    /// Wraps `function`, or its instance `instance` when one is given.
    ///
    /// - Throws: `CoreError` when the function's bounds do not make a valid search space (an empty or
    ///   non-finite interval), which breaks the ``SyntheticFunction`` contract.
    public init(_ function: Function, instance: SyntheticInstance? = nil) throws {
        self.function = function
        self.instance = instance
        let bounds = function.bounds
        self.space = try SearchSpace(
            bounds.enumerated().map { index, range in
                .real("x\(index + 1)", lower: range.lowerBound, upper: range.upperBound)
            })
        let points = function.minimizers.enumerated().compactMap { index, c -> [Double]? in
            guard let instance else { return c }
            let x = instance.preimage(c)
            // The first minimizer's image is the instance's centre, inside the box by construction.
            let inside = zip(x, bounds).allSatisfy { $1.contains($0) }
            return index == 0 || inside ? x : nil
        }
        self.minimizers = points.map(Configuration.reals)
        self.point = [Double](repeating: 0, count: function.dimension)
        self.mapped = point
        self.minimum = function.minimum
    }

    /// The problem's value at the configuration's coordinates.
    ///
    /// - Parameter configuration: real values for `x1` ... `xd`, checked against `space` by the caller.
    /// - Complexity: one call of `function.value` and the instance's map, no allocation.
    public mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        Evaluation(value: floored(valueAtConfiguration(configuration)))
    }

    /// Whether the function has an analytic gradient (``SyntheticFunction/hasGradient``).
    public var providesGradient: Bool { function.hasGradient }

    /// The function's value and, when it has one, its analytic gradient at the configuration's coordinates (the
    /// chain rule through the instance's map).
    public mutating func evaluateWithGradient(_ configuration: Configuration) -> Evaluation {
        var evaluation = Evaluation(value: floored(valueAtConfiguration(configuration)))
        let at = instance == nil ? point : mapped
        var gradient = [Double](repeating: 0, count: point.count)
        guard function.gradient(at, into: &gradient) else { return evaluation }
        if let instance {
            var pulled = gradient
            instance.pullBack(gradient, into: &pulled)
            gradient = pulled
        }
        evaluation.gradient = gradient
        return evaluation
    }

    /// `f(z(x))` for the configuration's coordinates `x`, left in ``point`` (and `z` in ``mapped``).
    private mutating func valueAtConfiguration(_ configuration: Configuration) -> Double {
        for index in point.indices {
            point[index] = configuration.real(index)
        }
        guard let instance else { return function.value(point) }
        instance.map(point, into: &mapped)
        return function.value(mapped)
    }

    /// `y` floored at ``minimum``; a failed (NaN) value stays NaN.
    private func floored(_ y: Double) -> Double {
        y < minimum ? minimum : y
    }
}

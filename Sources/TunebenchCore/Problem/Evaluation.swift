/// What evaluating a configuration returns.
public struct Evaluation: Sendable, Hashable {
    /// The value the optimizer sees and minimizes. A non-finite value marks a failed evaluation: the runner
    /// records the trial as failed and tells the optimizer so.
    public var value: Double
    /// The value without observation noise, when the problem knows it; regret is computed on it. A noisy problem
    /// reports it on every evaluation: a run whose evaluations report it is a run with observation noise, whose trials
    /// also record the noiseless value of the optimizer's recommendation (``Optimizer/recommendation()``).
    public var noiselessValue: Double?
    /// The cost of the evaluation in the problem's cost unit (1 for a full-fidelity evaluation by default).
    public var cost: Double
    /// Extra named numbers worth recording, such as a test error.
    public var info: [String: Double]
    /// The gradient of the noiseless objective, when asked for (``Problem/evaluateWithGradient(_:)``): one partial
    /// derivative per parameter of the space, in order, with respect to the parameter's own value (for a log-scaled
    /// real, with respect to the value, not its logarithm). It is handed to the optimizer and not recorded.
    public var gradient: [Double]?

    public init(
        value: Double, noiselessValue: Double? = nil, cost: Double = 1, info: [String: Double] = [:],
        gradient: [Double]? = nil
    ) {
        self.value = value
        self.noiselessValue = noiselessValue
        self.cost = cost
        self.info = info
        self.gradient = gradient
    }

    /// The value regret is measured on: the noiseless value when known, else the observed one.
    public var trueValue: Double { noiselessValue ?? value }
}

/// One fidelity level of a multi-fidelity problem: a number of steps (epochs, trees, ...) and its cost.
public struct Fidelity: Sendable, Hashable, Codable {
    /// The resource at this level, in the problem's own unit (for example epochs).
    public var steps: Int
    /// The cost of one evaluation at this level.
    public var cost: Double

    public init(steps: Int, cost: Double) {
        self.steps = steps
        self.cost = cost
    }
}

extension Fidelity {
    /// Fidelity levels for the resource counts `steps` (epochs, trees, a kurobako problem's steps), lowest first, each costing its share of the
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

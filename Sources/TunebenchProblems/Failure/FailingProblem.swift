import TunebenchCore

/// A problem whose evaluations fail in a seeded region of its box (``FailureRegion``): the hidden failures of real
/// hyperparameter optimization (a diverging network, a solver that does not converge), where the objective returns
/// nothing.
///
/// An evaluation inside the region is a failed trial: its value is NaN and it has no noiseless value, at the cost
/// the base problem charges (the base is evaluated for its cost and information). The run goes on; the runner
/// records the trial as failed and tells the optimizer `nil`. Outside the region the base problem's evaluation is
/// returned unchanged, so the optimum and regret are the base problem's, and so are the minimizers, less any the
/// region covers.
///
/// The region's seed is `SeedDerivation.derive(instanceSeed, ["failure-region"])`: repetition k gives every
/// optimizer the same region.
public struct FailingProblem<Base: KnownMinimizers>: KnownMinimizers {
    /// The problem without failures.
    public private(set) var base: Base
    /// Where evaluations fail.
    public let region: FailureRegion

    /// Wraps `base` with a region of `shape` covering `share` of its box, drawn from the instance seed `seed`.
    /// - Throws: what ``FailureRegion/init(shape:share:dimension:minimizers:seed:)`` throws.
    public init(_ base: Base, shape: FailureRegion.Shape, share: Double, seed: UInt64) throws {
        let space = base.space
        self.base = base
        self.region = try FailureRegion(
            shape: shape, share: share, dimension: space.dimension,
            minimizers: base.minimizers.map { space.encode($0) },
            seed: Self.regionSeed(instanceSeed: seed))
    }

    /// The seed of the region of the instance seeded with `instanceSeed`:
    /// `SeedDerivation.derive(instanceSeed, ["failure-region"])`.
    public static func regionSeed(instanceSeed: UInt64) -> UInt64 {
        SeedDerivation.derive(instanceSeed, ["failure-region"])
    }

    public var space: SearchSpace { base.space }
    public var optimum: Double? { base.optimum }
    public var fidelities: [Fidelity] { base.fidelities }
    /// The base problem's minimizers outside the region: a `band` or `optimum` region is drawn around the first and
    /// may cover another (six-hump camel's second, for one), which then no longer attains the optimum.
    public var minimizers: [Configuration] { base.minimizers.filter { !fails($0) } }

    /// The base problem's metadata and the region's shape and share (`failure`, `failure-share`).
    public var metadata: [String: String] {
        base.metadata.merging(["failure": region.shape.rawValue, "failure-share": "\(region.share)"]) { $1 }
    }

    /// Whether the base problem provides gradients (inside the region a gradient is withheld with the value).
    public var providesGradient: Bool { base.providesGradient }

    /// The base problem's constraints (a failed evaluation reports no constraint values).
    public var constraintCount: Int { base.constraintCount }
    public var objectiveCount: Int { base.objectiveCount }
    public var paretoReference: ParetoReference? { base.paretoReference }

    /// Whether `configuration` lies in the failing region.
    public func fails(_ configuration: Configuration) -> Bool {
        region.contains(space.encode(configuration))
    }

    public mutating func evaluate(_ configuration: Configuration) throws -> Evaluation {
        try evaluate(configuration, fidelity: nil)
    }

    public mutating func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation {
        failed(try base.evaluate(configuration, fidelity: fidelity), configuration)
    }

    public mutating func evaluateWithGradient(_ configuration: Configuration) throws -> Evaluation {
        failed(try base.evaluateWithGradient(configuration), configuration)
    }

    /// `evaluation` as a failed trial when `configuration` is in the region, else unchanged.
    private func failed(_ evaluation: Evaluation, _ configuration: Configuration) -> Evaluation {
        guard fails(configuration) else { return evaluation }
        var evaluation = evaluation
        evaluation.value = .nan
        evaluation.noiselessValue = nil
        evaluation.gradient = nil
        evaluation.constraints = nil
        return evaluation
    }
}

extension FailingProblem: Sendable where Base: Sendable {}

import TunebenchCore
import TunebenchNumerics

/// A problem with additive Gaussian observation noise: the optimizer sees `f(x) + σ ε`, regret uses `f(x)`.
///
/// ```
/// value          = base.value + σ ε_k,   ε_k ~ N(0, 1) i.i.d.
/// noiselessValue = base.trueValue   (nil when that is not finite: a failed evaluation)
/// ```
///
/// `ε_k` is the `k`-th draw of `nextGaussian()` (Box-Muller) from a ``Xoshiro256StarStar`` seeded with
/// `SeedDerivation.derive(instanceSeed, ["observation-noise"])`, one draw per evaluation whatever its outcome, so
/// the same instance seed gives the same noise sequence, and the `k`-th evaluation of every optimizer on an instance
/// gets the same `ε_k` (a paired comparison). A failed evaluation (non-finite value) stays failed.
///
/// The noise is homoscedastic and ignores the fidelity level; the base problem's own noise, if any, is kept.
public struct NoisyProblem<Base: Problem>: Problem {
    /// The noiseless problem.
    public private(set) var base: Base
    /// The standard deviation `σ` of the noise, finite and non-negative.
    public let noise: Double
    /// The source of `ε_k`.
    private var generator: Xoshiro256StarStar

    /// Wraps `base` with noise of standard deviation `noise`, drawn from a generator derived from `seed`.
    ///
    /// - Parameters:
    ///   - base: the noiseless problem.
    ///   - noise: the standard deviation `σ ≥ 0`; with 0 the values are unchanged (prefer not wrapping at all).
    ///   - seed: the problem's instance seed (`ProblemContext.seed`); the noise seed is derived from it.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for a negative or non-finite
    ///   `noise`.
    public init(_ base: Base, noise: Double, seed: UInt64) throws {
        guard noise.isFinite, noise >= 0 else {
            throw ProblemsError.invalidArgument(
                problem: "noisy problem", argument: "noise", value: "\(noise)",
                expected: "a finite standard deviation ≥ 0")
        }
        self.base = base
        self.noise = noise
        self.generator = Xoshiro256StarStar(seed: Self.noiseSeed(instanceSeed: seed))
    }

    /// The seed of the noise generator for the instance seeded with `instanceSeed`:
    /// `SeedDerivation.derive(instanceSeed, ["observation-noise"])`.
    public static func noiseSeed(instanceSeed: UInt64) -> UInt64 {
        SeedDerivation.derive(instanceSeed, ["observation-noise"])
    }

    /// The base problem's space.
    public var space: SearchSpace { base.space }
    /// The base problem's optimum: regret is measured on the noiseless value.
    public var optimum: Double? { base.optimum }
    /// The base problem's fidelity levels.
    public var fidelities: [Fidelity] { base.fidelities }

    /// The base problem's metadata (a bbob problem's COCO identity, which the COCO export reads).
    public var metadata: [String: String] { base.metadata }

    /// Evaluates at full fidelity; see ``evaluate(_:fidelity:)``.
    public mutating func evaluate(_ configuration: Configuration) throws -> Evaluation {
        try evaluate(configuration, fidelity: nil)
    }

    /// Whether the base problem provides gradients (of the noiseless objective: the noise has none).
    public var providesGradient: Bool { base.providesGradient }

    /// The base problem's constraints, whose values are passed on without noise.
    public var constraintCount: Int { base.constraintCount }

    /// The noisy evaluation with the base problem's gradient (the gradient of the noiseless objective, which is the
    /// gradient of the noisy objective's mean).
    public mutating func evaluateWithGradient(_ configuration: Configuration) throws -> Evaluation {
        addNoise(to: try base.evaluateWithGradient(configuration))
    }

    /// Evaluates the base problem and adds `σ ε_k` to its value, keeping the noiseless value.
    ///
    /// - Throws: what the base problem throws (no noise is drawn then).
    public mutating func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation {
        addNoise(to: try base.evaluate(configuration, fidelity: fidelity))
    }

    private mutating func addNoise(to evaluation: Evaluation) -> Evaluation {
        var evaluation = evaluation
        let epsilon = generator.nextGaussian()
        // A failed evaluation has no noiseless value: NaN would be written as null and read back as nil.
        let truth = evaluation.trueValue
        evaluation.noiselessValue = truth.isFinite ? truth : nil
        if evaluation.value.isFinite {
            evaluation.value += noise * epsilon
        }
        return evaluation
    }
}

extension NoisyProblem: Sendable where Base: Sendable {}

extension NoisyProblem: KnownMinimizers where Base: KnownMinimizers {
    /// The base problem's minimizers (of the noiseless objective).
    public var minimizers: [Configuration] { base.minimizers }
}

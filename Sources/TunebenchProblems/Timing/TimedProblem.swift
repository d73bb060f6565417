import Foundation
import TunebenchCore

/// A problem whose evaluations take a simulated duration on a worker (``TunebenchCore/Evaluation/duration``), for
/// runs on simulated parallel workers: the `duration` and `duration-spread` options of the synthetic and bbob
/// functions.
///
/// **Lognormal** (`duration=lognormal`): an evaluation of configuration `x` at full fidelity takes
/// `exp(σ z(x) − σ²/2)` simulated seconds, `σ` the `duration-spread`, so the mean over the box is one second as for
/// a constant duration (`E[exp(σ Z)] = exp(σ²/2)`), and the median `exp(−σ²/2)`. `z(x)` is a standard normal draw
/// seeded by the instance and by `x` itself (``seed(of:instanceSeed:)``): the same configuration always takes the
/// same time, every optimizer of repetition k sees the same durations, and nothing depends on the order of the
/// evaluations. A lower fidelity level takes its cost's share. Spreads of 0.5 to 1 give the heavy right tail that
/// training times of hyperparameter configurations show.
public struct TimedProblem: Problem {
    /// The problem without durations.
    public private(set) var base: any Problem
    /// `σ`, the standard deviation of the duration's logarithm.
    public let spread: Double
    /// The seed of the durations: `SeedDerivation.derive(instanceSeed, ["duration"])`.
    public let seed: UInt64

    public init(_ base: any Problem, spread: Double, instanceSeed: UInt64) {
        self.base = base
        self.spread = spread
        self.seed = SeedDerivation.derive(instanceSeed, ["duration"])
    }

    public var space: SearchSpace { base.space }
    public var optimum: Double? { base.optimum }
    public var fidelities: [Fidelity] { base.fidelities }
    public var providesGradient: Bool { base.providesGradient }
    public var constraintCount: Int { base.constraintCount }
    public var objectiveCount: Int { base.objectiveCount }
    public var paretoReference: ParetoReference? { base.paretoReference }

    /// The base problem's metadata and the duration model (`duration`, `duration-spread`).
    public var metadata: [String: String] {
        base.metadata.merging(["duration": "lognormal", "duration-spread": "\(spread)"]) { $1 }
    }

    /// The simulated seconds an evaluation of `configuration` at full fidelity takes.
    public func duration(of configuration: Configuration) -> Double {
        var generator = Xoshiro256StarStar(seed: Self.seed(of: space.encode(configuration), durationSeed: seed))
        return exp(spread * generator.nextGaussian() - spread * spread / 2)
    }

    /// The seed of `z(x)`: the duration seed and the bit patterns of `x`'s unit-cube coordinates, through
    /// ``TunebenchCore/SeedDerivation`` (no hashing of Swift's own).
    static func seed(of unit: [Double], durationSeed: UInt64) -> UInt64 {
        SeedDerivation.derive(durationSeed, unit.map { String($0.bitPattern, radix: 16) })
    }

    public mutating func evaluate(_ configuration: Configuration) throws -> Evaluation {
        timed(try base.evaluate(configuration), configuration)
    }

    public mutating func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation {
        timed(try base.evaluate(configuration, fidelity: fidelity), configuration)
    }

    public mutating func evaluateWithGradient(_ configuration: Configuration) throws -> Evaluation {
        timed(try base.evaluateWithGradient(configuration), configuration)
    }

    /// `evaluation` with its duration: the configuration's full-fidelity duration times the evaluation's cost (1 at
    /// full fidelity for the built-in functions).
    private func timed(_ evaluation: Evaluation, _ configuration: Configuration) -> Evaluation {
        var evaluation = evaluation
        evaluation.duration = duration(of: configuration) * evaluation.cost
        return evaluation
    }
}

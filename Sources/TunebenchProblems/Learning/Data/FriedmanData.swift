import Foundation
import TunebenchCore
import TunebenchNumerics

/// Friedman's three regression benchmarks (J. H. Friedman, "Multivariate adaptive regression splines", Annals of
/// Statistics 19(1), 1991), with the input ranges and formulas of scikit-learn's `make_friedman1/2/3`.
///
/// Inputs are independent uniforms; the target is the formula plus `noise · N(0, 1)`.
///
/// - `#1`: `x ∈ [0, 1]^features` (`features ≥ 5`; only the first five enter the target, the others are noise
///   features independent of it):
///   `y = 10 sin(π x₀ x₁) + 20 (x₂ − 0.5)² + 10 x₃ + 5 x₄`.
/// - `#2`: four inputs, `x₀ ∈ [0, 100]`, `x₁ ∈ [40π, 560π]`, `x₂ ∈ [0, 1]`, `x₃ ∈ [1, 11]`:
///   `y = (x₀² + (x₁ x₂ − 1 / (x₁ x₃))²)^½`.
/// - `#3`: the same four inputs: `y = arctan((x₁ x₂ − 1 / (x₁ x₃)) / x₀)`.
///
/// The inputs of all rows are drawn first, row by row, then one noise variate per row, from
/// `Xoshiro256StarStar(seed:)`.
public struct FriedmanData: DatasetGenerator, Hashable {
    /// Which of the three benchmarks.
    public enum Variant: Int, Sendable, Hashable, CaseIterable {
        case one = 1
        case two, three
    }

    public var variant: Variant
    /// Rows.
    public var samples: Int
    /// Columns of `#1` (at least 5); `#2` and `#3` always have 4.
    public var features: Int
    /// The standard deviation of the Gaussian noise added to the target.
    public var noise: Double

    /// A recipe; `features` applies to `#1` only.
    public init(variant: Variant = .one, samples: Int = 3000, features: Int = 10, noise: Double = 1) {
        self.variant = variant
        self.samples = samples
        self.features = features
        self.noise = noise
    }

    /// The number of columns of the dataset: `features` for `#1`, 4 otherwise.
    public var featureCount: Int { variant == .one ? features : 4 }

    public func validate() throws {
        func reject(_ argument: String, _ value: some CustomStringConvertible, _ expected: String) -> ProblemsError {
            .invalidArgument(problem: "friedman data", argument: argument, value: "\(value)", expected: expected)
        }
        guard samples >= 1 else { throw reject("samples", samples, "at least 1") }
        guard variant != .one || features >= 5 else { throw reject("features", features, "at least 5 for Friedman #1") }
        guard noise.isFinite, noise >= 0 else { throw reject("noise", noise, "a finite number >= 0") }
    }

    /// The dataset drawn with `seed`.
    public func dataset(seed: UInt64) -> Dataset {
        var generator = Xoshiro256StarStar(seed: seed)
        let width = featureCount
        let ranges: [(Double, Double)] =
            variant == .one
            ? Array(repeating: (0, 1), count: width) : [(0, 100), (40 * .pi, 560 * .pi), (0, 1), (1, 11)]
        var inputs = [Double](repeating: 0, count: samples * width)
        for row in 0..<samples {
            for (column, range) in ranges.enumerated() {
                inputs[row * width + column] = generator.nextUniform(range.0, range.1)
            }
        }
        let targets = (0..<samples).map { row in
            Self.formula(variant, inputs[(row * width)..<(row * width + width)]) + noise * generator.nextGaussian()
        }
        return Dataset(features: inputs, targets: targets, featureCount: width, task: .regression)
    }

    /// The noiseless target of benchmark `variant` at `x` (at least 5 inputs for `#1`, 4 for the others).
    public static func formula(_ variant: Variant, _ x: some RandomAccessCollection<Double>) -> Double {
        let x = Array(x)
        switch variant {
        case .one:
            let square = x[2] - 0.5
            return 10 * sin(.pi * x[0] * x[1]) + 20 * square * square + 10 * x[3] + 5 * x[4]
        case .two:
            let inner = x[1] * x[2] - 1 / (x[1] * x[3])
            return (x[0] * x[0] + inner * inner).squareRoot()
        case .three:
            return atan((x[1] * x[2] - 1 / (x[1] * x[3])) / x[0])
        }
    }
}

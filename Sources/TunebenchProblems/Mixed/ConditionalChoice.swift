import Foundation
import TunebenchCore
import TunebenchNumerics

/// A conditional, AutoML-shaped space: a `branch` choice (think "model type"), then parameters that exist only
/// under some branches, nested two levels deep.
///
/// Space, in order (a conditional parameter follows its parent):
///
/// | parameter | domain                      | active when            |
/// |-----------|-----------------------------|------------------------|
/// | `branch`  | {linear, tree, kernel}      | always                 |
/// | `x`       | real [0, 1]                 | always                 |
/// | `alpha`   | real [1e-5, 1], log scale   | branch = linear        |
/// | `depth`   | integer [1, 16]             | branch = tree          |
/// | `trees`   | integer [1, 1024], log scale| branch = tree          |
/// | `kernel`  | {rbf, poly}                 | branch = kernel        |
/// | `gamma`   | real [1e-4, 100], log scale | branch = kernel        |
/// | `degree`  | integer [2, 5]              | kernel = poly          |
///
/// Objective, by branch:
///
/// ```
/// linear:       0.5  + (x - 0.2)² + ln²(alpha / 0.001) / 16
/// tree:         0.25 + (x - 0.5)² + (depth - 6)² / 16 + ln²(trees / 128) / 16
/// kernel, rbf:  0.1  + (x - 0.8)² + ln²(gamma / 0.1) / 16
/// kernel, poly: 0.3  + (x - 0.8)² + ln²(gamma / 0.1) / 16 + (degree - 3)² / 8
/// ```
///
/// - Minimum: `f* = 0.1`, exact: each branch is its constant plus squares, the squares vanish exactly (in floating
///   point, `0.8 - 0.8 = 0` and `ln(1) = 0`) at the branch's preferred values, and 0.1 is the smallest constant.
/// - Minimizer: `branch = kernel, x = 0.8, kernel = rbf, gamma = 0.1` (the other parameters inactive).
///
/// Seeded instances (``init(seed:)``, the registry's default) keep the constants and draw the preferred values:
/// each branch's `x*` uniformly in `[0.1, 0.9]`, `alpha*` log-uniformly in `[1e-4, 1e-1]`, `depth*` uniformly among
/// `3...14`, `trees*` log-uniformly among the integers of `[4, 512]`, `gamma*` log-uniformly in `[1e-3, 10]` and
/// `degree*` uniformly among `2...5`; the minimum stays `0.1`, exact, at `branch = kernel, x = x*_kernel,
/// kernel = rbf, gamma = gamma*`. The formulas above are the canonical instance.
///
/// Source: Tunebench's own construction, shaped like the conditional spaces of AutoML systems (C. Thornton,
/// F. Hutter, H. H. Hoos and K. Leyton-Brown, "Auto-WEKA: combined selection and hyperparameter optimization of
/// classification algorithms", KDD 2013).
public struct ConditionalChoice: KnownMinimizers, Sendable {
    /// The choices of `branch`.
    public static let branches = ["linear", "tree", "kernel"]
    /// The choices of `kernel`.
    public static let kernels = ["rbf", "poly"]

    /// The constant of the `kernel = rbf` branch, the smallest; exact.
    public static let minimum = 0.1

    /// The eight parameters listed in the type's documentation.
    public let space: SearchSpace

    /// ``minimum``.
    public var optimum: Double? { Self.minimum }

    /// The preferred `x` of the linear, tree and kernel branches: 0.2, 0.5, 0.8 in the canonical instance.
    public let preferredX: [Double]
    /// The preferred `alpha`: 0.001 in the canonical instance.
    public let preferredAlpha: Double
    /// The preferred `depth`: 6 in the canonical instance.
    public let preferredDepth: Int
    /// The preferred `trees`: 128 in the canonical instance.
    public let preferredTrees: Int
    /// The preferred `gamma`: 0.1 in the canonical instance.
    public let preferredGamma: Double
    /// The preferred `degree`: 3 in the canonical instance.
    public let preferredDegree: Int

    /// `branch = kernel, x = x*_kernel, kernel = rbf, gamma = gamma*`, other parameters inactive (`x = 0.8`,
    /// `gamma = 0.1` in the canonical instance).
    public var minimizers: [Configuration] {
        [Configuration([.categorical(2), .real(preferredX[2]), nil, nil, nil, .categorical(0), .real(preferredGamma), nil])]
    }

    /// The canonical conditional-choice problem (the formulas of the type's documentation).
    public init() {
        self.init(x: [0.2, 0.5, 0.8], alpha: 0.001, depth: 6, trees: 128, gamma: 0.1, degree: 3)
    }

    /// The seeded instance for instance seed `seed`: from a generator seeded with
    /// `SeedDerivation.derive(seed, ["conditional-choice-instance"])`, in this order the three `x*`
    /// (`nextUniform(0.1, 0.9)`), `alpha* = 10^nextUniform(-4, -1)`, `depth* = 3 + nextIndex(below: 12)`,
    /// `trees* = round(2^nextUniform(2, 9))`, `gamma* = 10^nextUniform(-3, 1)` and `degree* = 2 + nextIndex(below: 4)`.
    public init(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["conditional-choice-instance"]))
        let x = (0..<3).map { _ in generator.nextUniform(0.1, 0.9) }
        let alpha = pow(10, generator.nextUniform(-4, -1))
        let depth = 3 + generator.nextIndex(below: 12)
        let trees = Int(exp2(generator.nextUniform(2, 9)).rounded())
        let gamma = pow(10, generator.nextUniform(-3, 1))
        let degree = 2 + generator.nextIndex(below: 4)
        self.init(x: x, alpha: alpha, depth: depth, trees: trees, gamma: gamma, degree: degree)
    }

    private init(x: [Double], alpha: Double, depth: Int, trees: Int, gamma: Double, degree: Int) {
        preferredX = x
        preferredAlpha = alpha
        preferredDepth = depth
        preferredTrees = trees
        preferredGamma = gamma
        preferredDegree = degree
        let linear = Parameter.Condition(parent: "branch", values: ["linear"])
        let tree = Parameter.Condition(parent: "branch", values: ["tree"])
        let kernel = Parameter.Condition(parent: "branch", values: ["kernel"])
        let poly = Parameter.Condition(parent: "kernel", values: ["poly"])
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .categorical("branch", choices: Self.branches),
            .real("x", lower: 0, upper: 1),
            .real("alpha", lower: 1e-5, upper: 1, scale: .log, when: linear),
            .integer("depth", lower: 1, upper: 16, when: tree),
            .integer("trees", lower: 1, upper: 1024, scale: .log, when: tree),
            .categorical("kernel", choices: Self.kernels, when: kernel),
            .real("gamma", lower: 1e-4, upper: 100, scale: .log, when: kernel),
            .integer("degree", lower: 2, upper: 5, when: poly),
        ])
    }

    /// The objective of the active branch (see the type's documentation).
    public func evaluate(_ configuration: Configuration) -> Evaluation {
        let x = configuration.real(1)
        let y: Double
        switch configuration.choice(0) {
        case 0:
            let dx = x - preferredX[0]
            let logAlpha = log(configuration.real(2) / preferredAlpha)
            y = 0.5 + dx * dx + logAlpha * logAlpha / 16
        case 1:
            let dx = x - preferredX[1]
            let depth = Double(configuration.integer(3) - preferredDepth)
            let logTrees = log(Double(configuration.integer(4)) / Double(preferredTrees))
            y = 0.25 + dx * dx + depth * depth / 16 + logTrees * logTrees / 16
        default:
            let dx = x - preferredX[2]
            let logGamma = log(configuration.real(6) / preferredGamma)
            let base = dx * dx + logGamma * logGamma / 16
            if configuration.choice(5) == 0 {
                y = 0.1 + base
            } else {
                let degree = Double(configuration.integer(7) - preferredDegree)
                y = 0.3 + base + degree * degree / 8
            }
        }
        return Evaluation(value: y)
    }
}

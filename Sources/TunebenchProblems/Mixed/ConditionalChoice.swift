import Foundation
import TunebenchCore

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

    /// `branch = kernel, x = 0.8, kernel = rbf, gamma = 0.1`, other parameters inactive.
    public var minimizers: [Configuration] {
        [Configuration([.categorical(2), .real(0.8), nil, nil, nil, .categorical(0), .real(0.1), nil])]
    }

    /// The conditional-choice problem.
    public init() {
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
            let dx = x - 0.2
            let logAlpha = log(configuration.real(2) / 0.001)
            y = 0.5 + dx * dx + logAlpha * logAlpha / 16
        case 1:
            let dx = x - 0.5
            let depth = Double(configuration.integer(3) - 6)
            let logTrees = log(Double(configuration.integer(4)) / 128)
            y = 0.25 + dx * dx + depth * depth / 16 + logTrees * logTrees / 16
        default:
            let dx = x - 0.8
            let logGamma = log(configuration.real(6) / 0.1)
            let base = dx * dx + logGamma * logGamma / 16
            if configuration.choice(5) == 0 {
                y = 0.1 + base
            } else {
                let degree = Double(configuration.integer(7) - 3)
                y = 0.3 + base + degree * degree / 8
            }
        }
        return Evaluation(value: y)
    }
}

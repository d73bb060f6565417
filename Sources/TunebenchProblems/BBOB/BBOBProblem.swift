import TunebenchCore

/// A function of COCO's bbob suite, in one dimension and instance, as a ``Problem``: the values, optimum and optimum
/// location of coco-experiment's `cocoex.BareProblem("bbob", function, dimension, instance)`, bit for bit.
///
/// The space has real parameters `x1` ... `xd` in [−5, 5]; ``optimum`` is COCO's `best_value()`, so regret is
/// `f − f_opt` as COCO counts it (`f_opt` as RR-6829 defines it, except that for f16, f20, f21 and f22 COCO adds the
/// raw function's value at its optimum, which is 0 up to rounding), and the one ``minimizers`` entry is COCO's
/// `best_parameter()`, where the value is the optimum. Evaluations report the value as `value`; wrap the problem in a
/// ``NoisyProblem`` to add noise.
///
/// Regret is never negative: where COCO's arithmetic gives a value below COCO's own optimum, the problem reports the
/// optimum. Of 9.6 million values compared with COCO (the test `BBOBAgreementTests`), this happens only for f20, near
/// its optimum, by at most 4·10⁻¹⁵; every other value is COCO's, bit for bit.
///
/// Everything that does not depend on the point (`x_opt`, `f_opt`, rotations, scalings, Gallagher's peaks) is
/// computed when the problem is built, with COCO's BBOB-2009 generators; an evaluation allocates nothing.
///
/// Source: N. Hansen, S. Finck, R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009:
/// noiseless functions definitions", INRIA research report RR-6829, 2009; N. Hansen, A. Auger, R. Ros, O. Mersmann,
/// T. Tušar and D. Brockhoff, "COCO: a platform for comparing continuous optimizers in a black-box setting",
/// Optimization Methods and Software 36, 2021; the C code of coco-experiment 2.8.2 (https://github.com/numbbo/
/// coco-experiment, `src/suite_bbob.c` and the files it includes), whose arithmetic is reproduced.
public struct BBOBProblem: KnownMinimizers, Sendable {
    /// The largest instance number accepted. COCO's seeds `f + 10000 · instance` keep the legacy generator within
    /// 64-bit integers far beyond it.
    public static let largestInstance = 1_000_000

    /// The function number, 1 ... 24.
    public let function: Int
    /// The number of variables, one of ``BBOBFunctions/allowedDimensions``.
    public let dimension: Int
    /// COCO's instance number.
    public let instance: Int
    /// Real parameters `x1` ... `xd` in [−5, 5].
    public let space: SearchSpace
    /// COCO's optimum location (`best_parameter()`), in the box.
    public let xopt: [Double]
    /// COCO's optimal value (`best_value()`).
    public let fopt: Double

    /// The function with its instance data.
    private let implementation: any BBOBFunction
    /// Places for the point (the first `d`) and the function's intermediate vector (the next `d`), reused by every
    /// evaluation.
    private var workspace: [Double]

    /// Function `function` of the bbob suite in `dimension` variables, COCO's instance `instance`.
    ///
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for a function outside
    ///   1 ... 24, a dimension not in ``BBOBFunctions/allowedDimensions`` or an instance outside 1 ... ``largestInstance``.
    /// - Complexity: O(d³) for the rotations (Gram–Schmidt), O(d² · peaks) for Gallagher's functions.
    public init(function: Int, dimension: Int, instance: Int) throws {
        guard BBOBFunctions.numbers.contains(function) else {
            throw ProblemsError.invalidArgument(
                problem: "bbob", argument: "function", value: "\(function)", expected: "an integer in [1, 24]")
        }
        guard BBOBFunctions.allowedDimensions.contains(dimension) else {
            throw ProblemsError.invalidArgument(
                problem: "bbob", argument: "dimension", value: "\(dimension)",
                expected: "one of " + BBOBFunctions.allowedDimensions.map(String.init).joined(separator: ", "))
        }
        guard (1...Self.largestInstance).contains(instance) else {
            throw ProblemsError.invalidArgument(
                problem: "bbob", argument: "instance", value: "\(instance)",
                expected: "an integer in [1, \(Self.largestInstance)]")
        }
        self.function = function
        self.dimension = dimension
        self.instance = instance
        space = try SearchSpace((1...dimension).map { .real("x\($0)", lower: -5, upper: 5) })
        implementation = BBOBFunctions.make(BBOBInstance(function: function, dimension: dimension, number: instance))
        xopt = implementation.best.parameter
        fopt = implementation.best.value
        workspace = [Double](repeating: 0, count: 2 * dimension)
    }

    /// ``fopt``.
    public var optimum: Double? { fopt }

    /// ``xopt`` as a configuration.
    public var minimizers: [Configuration] { [Configuration.reals(xopt)] }

    /// `coco`: the function, instance and dimension, `bbob f07 i3 d05` (COCO's id would be `bbob_f007_i03_d05`).
    public var metadata: [String: String] {
        ["coco": "bbob f\(BBOBFunctions.twoDigits(function)) i\(instance) d\(BBOBFunctions.twoDigits(dimension))"]
    }

    /// The function's value at the configuration's coordinates.
    ///
    /// - Parameter configuration: real values for `x1` ... `xd`, checked against ``space`` by the caller.
    /// - Complexity: O(d) to O(d²) (O(d · peaks) for f21 and f22), no allocation.
    public mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        let d = dimension
        // The workspace is taken out of `self` while in use, so that the closure can read `self` without copying
        // the function (a reference count up and down per evaluation).
        var buffer: [Double] = []
        swap(&buffer, &workspace)
        defer { swap(&buffer, &workspace) }
        let y = buffer.withUnsafeMutableBufferPointer { buffer in
            // The values matched here rather than with `configuration.real(_:)`, a call into another module for
            // each coordinate (a third of the cost of f1).
            configuration.values.withUnsafeBufferPointer { values in
                for i in 0..<d {
                    guard case .real(let x)? = values[i] else { preconditionFailure("x\(i + 1) is not a real value") }
                    buffer[i] = x
                }
            }
            return value(
                UnsafeMutableBufferPointer(rebasing: buffer[0..<d]),
                scratch: UnsafeMutableBufferPointer(rebasing: buffer[d...]))
        }
        return Evaluation(value: y)
    }

    /// The function's value at `x`.
    ///
    /// - Parameter x: `d` coordinates (any real numbers; outside the box, the penalties of COCO's functions apply).
    /// - Complexity: as ``evaluate(_:)``, plus one allocation.
    public func value(_ x: [Double]) -> Double {
        precondition(x.count == dimension, "a point of \(x.count) coordinates for a \(dimension)-D function")
        var workspace = x + x
        return workspace.withUnsafeMutableBufferPointer { workspace in
            value(
                UnsafeMutableBufferPointer(rebasing: workspace[0..<dimension]),
                scratch: UnsafeMutableBufferPointer(rebasing: workspace[dimension...]))
        }
    }

    /// COCO's value at `x`, or ``fopt`` where COCO's arithmetic falls below it.
    ///
    /// - Parameters:
    ///   - x: `d` coordinates, overwritten.
    ///   - scratch: `d` places.
    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let value = implementation.value(x, scratch: scratch)
        return value < fopt ? fopt : value
    }
}

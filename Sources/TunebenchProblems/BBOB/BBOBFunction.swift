/// One of the 24 bbob functions for one instance, with everything that does not depend on `x` computed once.
///
/// ``BBOBProblem`` builds one from a ``BBOBInstance`` (``BBOBFunctions/make(_:)``) and calls
/// ``value(_:scratch:)`` for each evaluation.
///
/// # Implementation requirements
/// - `init(_:)` draws the instance's random parts as COCO does for this function (seeds, rotations, special
///   locations of the optimum) and precomputes every constant of the formula with COCO's arithmetic.
/// - `value(_:scratch:)` computes COCO's value, `f_opt` and penalties included, with the same operations in the
///   same order as coco-experiment's C code (sums in COCO's index order, `pow`/`exp`/`log`/`sin`/`cos` of the
///   platform's C library with the same arguments), so that the two agree bit for bit. It may overwrite `x`, uses
///   exactly `d` scratch places, and does not allocate.
/// - ``best`` is COCO's `best_parameter()` and `best_value()`, bit for bit; where COCO's arithmetic makes a value
///   fall below it, the function says so (``BBOBProblem`` reports the optimum there).
protocol BBOBFunction: Sendable {
    /// Draws the instance's data.
    init(_ instance: BBOBInstance)

    /// COCO's optimum location and value (`best_parameter()`, `best_value()`).
    var best: BBOBBest { get }

    /// The value at `x`.
    ///
    /// - Parameters:
    ///   - x: the `d` coordinates; overwritten.
    ///   - scratch: `d` places for an intermediate vector.
    /// - Complexity: O(d) to O(d²) (a rotation), O(d · peaks) for Gallagher's functions; no allocation.
    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double
}

/// COCO's optimum of an instance: where it is (`best_parameter()`) and its value (`best_value()`).
struct BBOBBest: Sendable {
    /// The optimum location.
    var parameter: [Double]
    /// The optimal value.
    var value: Double

    /// `parameter` and `value`.
    init(parameter: [Double], value: Double) {
        self.parameter = parameter
        self.value = value
    }

    /// `instance`'s `f_opt` at `parameter`, by default its standard `x_opt`.
    init(_ instance: BBOBInstance, parameter: [Double]? = nil) {
        self.init(parameter: parameter ?? instance.xopt, value: instance.fopt)
    }
}

/// The 24 functions of COCO's bbob suite: their names and COCO's five groups.
///
/// Names as in N. Hansen, S. Finck, R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking
/// 2009: noiseless functions definitions", INRIA RR-6829, 2009.
public enum BBOBFunctions {
    /// The function numbers, 1 ... 24.
    public static let numbers: ClosedRange<Int> = 1...24

    /// The dimensions of COCO's bbob suite.
    public static let dimensions: [Int] = [2, 3, 5, 10, 20, 40]

    /// The dimensions of Tunebench's tuning set (docs/tuning-set.md): outside COCO's suite, so that no committed
    /// comparison on bbob shares a problem with it. COCO's definitions hold in any dimension, and cocoex's
    /// `BareProblem` builds them; ``BBOBAgreementTests`` checks these against it as it checks COCO's.
    public static let tuningDimensions: [Int] = [8, 12]

    /// Every dimension a bbob problem may have: COCO's and the tuning set's, ascending.
    public static let allowedDimensions: [Int] = (dimensions + tuningDimensions).sorted()

    /// The name of each function as COCO gives it, by number (index 0 is f1): "Sphere", "Büche-Rastrigin", ...
    /// (f3 and f15 are both "Rastrigin": the first separable, the second rotated.)
    public static let names: [String] = [
        "Sphere", "Separable Ellipsoidal", "Rastrigin", "Büche-Rastrigin", "Linear Slope",
        "Attractive Sector", "Step Ellipsoidal", "Rosenbrock, original", "Rosenbrock, rotated", "Ellipsoidal",
        "Discus", "Bent Cigar", "Sharp Ridge", "Different Powers", "Rastrigin", "Weierstrass", "Schaffers F7",
        "Schaffers F7, moderately ill-conditioned", "Composite Griewank-Rosenbrock F8F2", "Schwefel x*sin(x)",
        "Gallagher's Gaussian 101-me Peaks", "Gallagher's Gaussian 21-hi Peaks", "Katsuura", "Lunacek bi-Rastrigin",
    ]

    /// COCO's five groups of functions, with the functions of each.
    public static let groups: [(name: String, functions: ClosedRange<Int>)] = [
        ("separable", 1...5),
        ("low or moderate conditioning", 6...9),
        ("high conditioning, unimodal", 10...14),
        ("multi-modal, adequate global structure", 15...19),
        ("multi-modal, weak global structure", 20...24),
    ]

    /// The name of function `number` ("Büche-Rastrigin" for 4).
    public static func name(_ number: Int) -> String {
        names[number - 1]
    }

    /// The group of function `number` ("separable" for 4).
    public static func group(_ number: Int) -> String {
        groups.first { $0.functions.contains(number) }!.name
    }

    /// `n` with at least two digits: `07`.
    static func twoDigits(_ n: Int) -> String {
        n < 10 ? "0\(n)" : "\(n)"
    }

    /// The function of `instance`, its data drawn.
    static func make(_ instance: BBOBInstance) -> any BBOBFunction {
        let types: [any BBOBFunction.Type] = [
            BBOBSphere.self, BBOBSeparableEllipsoid.self, BBOBSeparableRastrigin.self, BBOBBuecheRastrigin.self,
            BBOBLinearSlope.self, BBOBAttractiveSector.self, BBOBStepEllipsoid.self, BBOBRosenbrock.self,
            BBOBRotatedRosenbrock.self, BBOBEllipsoid.self, BBOBDiscus.self, BBOBBentCigar.self, BBOBSharpRidge.self,
            BBOBDifferentPowers.self, BBOBRastrigin.self, BBOBWeierstrass.self, BBOBSchaffers.self,
            BBOBSchaffers.self, BBOBGriewankRosenbrock.self, BBOBSchwefel.self, BBOBGallagher.self,
            BBOBGallagher.self, BBOBKatsuura.self, BBOBLunacek.self,
        ]
        return types[instance.function - 1].init(instance)
    }
}

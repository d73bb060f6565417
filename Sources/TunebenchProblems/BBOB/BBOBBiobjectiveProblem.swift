import TunebenchCore
import TunebenchNumerics

/// A function of COCO's bi-objective suite bbob-biobj, in one dimension and instance, as a ``Problem``: the two
/// objectives are two functions of the bbob suite (``BBOBProblem``) on the same point, equal to coco-experiment's
/// `cocoex.Suite("bbob-biobj", ...)` problem, value for value.
///
/// **Functions.** The 55 functions pair the ten bbob functions f1, f2, f6, f8, f13, f14, f15, f17, f20 and f21 (one
/// or two from each of bbob's five groups), each with itself and every later one: bbob-biobj f1 is (f1, f1), f2 is
/// (f1, f2), …, f10 is (f1, f21), f11 is (f2, f2), …, f55 is (f21, f21) (D. Brockhoff, T. Tušar, A. Auger and
/// N. Hansen, "Using well-understood single-objective functions in multiobjective black-box optimization test
/// suites", Evolutionary Computation 30(2), 2022; coco-experiment 2.8.2, `src/suite_biobj_utilities.c`).
///
/// **Instances** 1 to 15 pair bbob instances as COCO's table `suite_biobj_instances` does (instance 1 is bbob
/// instances 2 and 4, instance 2 is 3 and 5, instance 3 is 7 and 8, …; ``instancePairs``). COCO generates further
/// instances by a search over every bbob function pair and dimension, which is not reproduced: 1 to 15 are COCO's
/// default instances.
///
/// **Objective space.** The ideal point is the two optimal values, the nadir point each function's value at the
/// other's optimum. COCO measures a run by the hypervolume of its non-dominated points in the normalised space where
/// the ideal point is 0 and the nadir point 1, up to the reference point (1, 1); the same volume in the raw space has
/// the nadir point as its reference and is that volume times `(nadir₁ − ideal₁)(nadir₂ − ideal₂)`. So the problem's
/// ``paretoReference`` is the nadir point, and its front volume COCO's best known normalised volume
/// (``BBOBBiobjectiveVolumes``, instances 1 to 10) times that area: once a point lies inside the nadir box, hypervolume
/// regret is COCO's hypervolume indicator difference, scaled (before that, COCO's logger adds the distance to that box,
/// where Tunebench's regret stays the whole front volume). Instances 11 to 15 have no best known volume in COCO (a
/// placeholder of 1.0), and there the metric is the negated hypervolume.
///
/// **Box**: COCO's problems declare [−100, 100]ⁿ; the Pareto sets lie mostly in [−5, 5]ⁿ (Brockhoff et al. 2022,
/// table 1: some best known points fall outside), the box of bbob, which `box` `bbob` chooses.
public struct BBOBBiobjectiveProblem: Problem, Sendable {
    /// The bi-objective function, 1 ... 55.
    public let function: Int
    /// COCO's bi-objective instance, 1 ... 15.
    public let instance: Int
    public let dimension: Int
    public let space: SearchSpace
    /// The two bbob functions.
    public private(set) var objectives: (BBOBProblem, BBOBProblem)
    /// The optimal values of the two functions.
    public let ideal: [Double]
    /// Each function's value at the other's optimum.
    public let nadir: [Double]
    public let paretoReference: ParetoReference?
    public var objectiveCount: Int { 2 }

    /// The bbob functions of bbob-biobj, in COCO's order.
    public static let bbobFunctions = [1, 2, 6, 8, 13, 14, 15, 17, 20, 21]

    /// COCO's `suite_biobj_instances`: the bbob instances of bi-objective instances 1 to 15.
    public static let instancePairs: [(Int, Int)] = [
        (2, 4), (3, 5), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16), (17, 18), (19, 21), (21, 22), (23, 24),
        (25, 26), (27, 28), (29, 30), (31, 34),
    ]

    /// The bbob functions of bi-objective function `function` (1 ... 55): the pairs (i ≤ j) of ``bbobFunctions`` in
    /// row order.
    public static func bbobPair(_ function: Int) -> (Int, Int) {
        var index = function - 1
        for first in bbobFunctions.indices {
            let row = bbobFunctions.count - first
            if index < row { return (bbobFunctions[first], bbobFunctions[first + index]) }
            index -= row
        }
        preconditionFailure("bbob-biobj function \(function) is not in 1 ... 55")
    }

    /// The search box: COCO's declared bounds or bbob's.
    public enum Box: String, Sendable, CaseIterable {
        /// [−100, 100]ⁿ, the bounds COCO's bbob-biobj problems declare.
        case coco
        /// [−5, 5]ⁿ, bbob's box, where the Pareto sets mostly lie.
        case bbob

        var bound: Double { self == .coco ? 100 : 5 }
    }

    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for a function outside 1 ... 55,
    ///   an instance outside 1 ... 15 or a dimension that ``BBOBProblem`` refuses.
    public init(function: Int, dimension: Int, instance: Int, box: Box = .coco) throws {
        guard (1...55).contains(function) else {
            throw ProblemsError.invalidArgument(
                problem: "bbob-biobj", argument: "function", value: "\(function)", expected: "an integer in [1, 55]")
        }
        guard (1...Self.instancePairs.count).contains(instance) else {
            throw ProblemsError.invalidArgument(
                problem: "bbob-biobj", argument: "instance", value: "\(instance)", expected: "an integer in [1, 15]")
        }
        self.function = function
        self.instance = instance
        self.dimension = dimension
        let (f1, f2) = Self.bbobPair(function)
        let (i1, i2) = Self.instancePairs[instance - 1]
        let first = try BBOBProblem(function: f1, dimension: dimension, instance: i1)
        let second = try BBOBProblem(function: f2, dimension: dimension, instance: i2)
        objectives = (first, second)
        ideal = [first.fopt, second.fopt]
        nadir = [first.value(second.xopt), second.value(first.xopt)]
        space = try SearchSpace((1...dimension).map { .real("x\($0)", lower: -box.bound, upper: box.bound) })
        let area = (nadir[0] - ideal[0]) * (nadir[1] - ideal[1])
        paretoReference = ParetoReference(
            point: nadir,
            hypervolume: BBOBBiobjectiveVolumes.volume(function: function, dimension: dimension, instance: instance)
                .map { $0 * area })
    }

    /// `coco`: COCO's problem id, `bbob-biobj f07 i03 d05`, and its two bbob functions.
    public var metadata: [String: String] {
        let (first, second) = objectives
        let two = BBOBFunctions.twoDigits
        return [
            "coco": "bbob-biobj f\(two(function)) i\(two(instance)) d\(two(dimension))",
            "objectives": "bbob f\(two(first.function)) i\(first.instance), bbob f\(two(second.function)) "
                + "i\(second.instance)",
        ]
    }

    public mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        let f = [objectives.0.evaluate(configuration).value, objectives.1.evaluate(configuration).value]
        return Evaluation(value: f[0], objectives: f)
    }
}

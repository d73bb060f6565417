import Testing
import TunebenchCore
import TunebenchProblems

/// The value at every published minimizer equals the stated optimum.
struct MinimizerTests {
    @Test(arguments: Fixtures.cases)
    func valueAtEveryMinimizerEqualsTheOptimum(_ testCase: ProblemCase) throws {
        var problem = try testCase.make()
        let optimum = try #require(problem.optimum)
        #expect(!problem.minimizers.isEmpty)
        for minimizer in problem.minimizers {
            try problem.space.validate(minimizer)
            let evaluation = try problem.evaluate(minimizer)
            #expect(
                abs(evaluation.value - optimum) <= 1e-6,
                "\(testCase.spec.label) at \(problem.space.describe(minimizer)): \(evaluation.value) vs \(optimum)")
            #expect(evaluation.trueValue == evaluation.value)
        }
    }

    /// The minimizers are stored precisely, not only to 1e-6: the value there matches the optimum to a few units
    /// in the last place, which catches a constant copied with too few digits.
    @Test(arguments: Fixtures.cases)
    func optimumIsStoredToFullPrecision(_ testCase: ProblemCase) throws {
        var problem = try testCase.make()
        let optimum = try #require(problem.optimum)
        for minimizer in problem.minimizers {
            let value = try problem.evaluate(minimizer).value
            #expect(
                abs(value - optimum) <= 1e-12 * max(1, abs(optimum)), "\(testCase.spec.label): \(value) vs \(optimum)")
        }
    }

    /// Published minimizers rounded to the digits printed in the literature still come within the stated
    /// tolerance; this guards the constants against transcription errors. Values from the sources cited in each
    /// function's documentation.
    @Test(arguments: [
        PublishedPoint(Hartmann3(), [0.114614, 0.555649, 0.852547], tolerance: 1e-6),
        PublishedPoint(Hartmann6(), [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573], tolerance: 1e-6),
        PublishedPoint(SixHumpCamel(), [0.0898, -0.7126], tolerance: 1e-6),
        PublishedPoint(SixHumpCamel(), [-0.0898, 0.7126], tolerance: 1e-6),
        PublishedPoint(Branin(), [9.42478, 2.475], tolerance: 1e-6),
        PublishedPoint(try! Michalewicz(dimension: 2), [2.20290552, 1.57079633], tolerance: 1e-6),
        PublishedPoint(try! Shekel(m: 5), [4, 4, 4, 4], tolerance: 1e-5),
        PublishedPoint(try! Shekel(m: 10), [4, 4, 4, 4], tolerance: 1e-3),
        PublishedPoint(try! StyblinskiTang(dimension: 3), [-2.903534, -2.903534, -2.903534], tolerance: 1e-6),
    ])
    func roundedPublishedMinimizersComeClose(_ point: PublishedPoint) {
        let value = point.function.value(point.x)
        #expect(value >= point.function.minimum - 1e-9)
        #expect(value - point.function.minimum <= point.tolerance, "\(point.function.name): \(value)")
    }
}

/// A minimizer as printed in the literature, with the distance from the minimum it is allowed.
struct PublishedPoint: Sendable, CustomTestStringConvertible {
    var function: any SyntheticFunction
    var x: [Double]
    var tolerance: Double

    init(_ function: any SyntheticFunction, _ x: [Double], tolerance: Double) {
        self.function = function
        self.x = x
        self.tolerance = tolerance
    }

    var testDescription: String { "\(function.name) at \(x)" }
}

import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// The analytic gradients of the synthetic functions: each agrees with a finite-difference estimate at random
/// points of the box and vanishes at the function's minimizers.
struct GradientTests {
    /// Every synthetic function of the registry, at its default dimension or well count and at the other
    /// registered variants, plus dimensions 1 (where allowed), 2 and 5 for the `d`-dimensional ones.
    static let cases: [GradientCase] = {
        var functions: [any SyntheticFunction] = [
            Branin(), Hartmann3(), Hartmann6(), SixHumpCamel(), GoldsteinPrice(),
        ]
        functions += Michalewicz.dimensions.map { try! Michalewicz(dimension: $0) }
        functions += Shekel.wellCounts.map { try! Shekel(m: $0) }
        for d in [1, 2, 4, 5] {
            if Rosenbrock.dimensions.contains(d) { functions.append(try! Rosenbrock(dimension: d)) }
            functions.append(try! Ackley(dimension: d))
            functions.append(try! Levy(dimension: d))
            functions.append(try! Rastrigin(dimension: d))
            functions.append(try! StyblinskiTang(dimension: d))
            functions.append(try! Griewank(dimension: d))
            functions.append(try! Sphere(dimension: d))
        }
        return functions.map(GradientCase.init)
    }()

    @Test(arguments: cases)
    func everyFunctionOffersAGradient(_ testCase: GradientCase) {
        let function = testCase.function
        var gradient = [Double](repeating: .nan, count: function.dimension)
        #expect(function.hasGradient)
        #expect(function.gradient(function.minimizers[0], into: &gradient))
        #expect(gradient.allSatisfy { $0.isFinite })
    }

    /// At 20 random points of the box, kept 1% of the width away from its faces, every component of the gradient
    /// matches a Richardson-extrapolated central difference to 1e-6 relative (absolute below 1). The observed
    /// mismatch is at most about 1e-8 (Rosenbrock, where rounding of large values over the step dominates); a
    /// wrong term in a formula is off by far more.
    @Test(arguments: cases)
    func gradientMatchesFiniteDifferences(_ testCase: GradientCase) {
        let function = testCase.function
        let bounds = function.bounds
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(11, ["gradient", testCase.testDescription]))
        var gradient = [Double](repeating: 0, count: function.dimension)
        var x = [Double](repeating: 0, count: function.dimension)
        for _ in 0..<20 {
            for (index, range) in bounds.enumerated() {
                let width = range.upperBound - range.lowerBound
                x[index] = range.lowerBound + width * (0.01 + 0.98 * generator.nextUnit())
            }
            #expect(function.gradient(x, into: &gradient))
            for index in x.indices {
                let estimate = finiteDifference(function, at: x, coordinate: index)
                let tolerance = 1e-6 * max(1, abs(gradient[index]))
                #expect(
                    abs(gradient[index] - estimate) <= tolerance,
                    "\(testCase) ∂/∂x\(index + 1) at \(x): analytic \(gradient[index]), estimate \(estimate)"
                )
            }
        }
    }

    /// The gradient vanishes at every minimizer: they are all interior, and Ackley's subgradient at the origin
    /// is 0. The tolerance allows for the minimizers being rounded to double (the gradient there is about the
    /// Hessian times half an ulp of the coordinates; at most about 3e-13, for Michalewicz in 10 dimensions).
    @Test(arguments: cases)
    func gradientVanishesAtEveryMinimizer(_ testCase: GradientCase) {
        let function = testCase.function
        var gradient = [Double](repeating: .nan, count: function.dimension)
        for minimizer in function.minimizers {
            #expect(function.gradient(minimizer, into: &gradient))
            for index in gradient.indices {
                #expect(
                    abs(gradient[index]) <= 1e-10,
                    "\(testCase) ∂/∂x\(index + 1) at \(minimizer): \(gradient[index])"
                )
            }
        }
    }

    /// `∂f/∂x_i` at `x` by Richardson extrapolation of central differences with steps `h` and `h/2`,
    /// `(4 D(h/2) - D(h)) / 3`, which cancels the `h²` error term. `h` is a power of two near
    /// `2⁻¹⁴ max(1, |x_i|)`, so that `x_i ± h` and `x_i ± h/2` are exact.
    private func finiteDifference(_ function: any SyntheticFunction, at x: [Double], coordinate i: Int) -> Double {
        let h = Double(sign: .plus, exponent: max(0, x[i].exponent) - 14, significand: 1)
        var point = x
        func central(_ step: Double) -> Double {
            point[i] = x[i] + step
            let above = function.value(point)
            point[i] = x[i] - step
            let below = function.value(point)
            return (above - below) / (2 * step)
        }
        return (4 * central(h / 2) - central(h)) / 3
    }
}

/// A synthetic function under test, named by its registry name and dimension.
struct GradientCase: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    var function: any SyntheticFunction

    var testDescription: String {
        if let shekel = function as? Shekel { return "shekel-\(shekel.m)" }
        return "\(function.name)-\(function.dimension)"
    }
    var description: String { testDescription }
}
